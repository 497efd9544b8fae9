using System.Diagnostics;
using System.Globalization;
using System.Text;
using Soakline.Integrations.Traffic.Nginx;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A private nginx: temp prefix, one worker (so weighted round robin is exact and countable), listening on a free
/// loopback port and proxying to the upstream block in <c>upstream.conf</c>, the file the router owns.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string UpstreamName = "app";
    private readonly TempDirectory _prefix;
    private readonly Process _process;
    private readonly StringBuilder _log;

    private NginxServer(TempDirectory prefix, Process process, StringBuilder log, int port, string binary)
    {
        (_prefix, _process, _log, Port, Binary) = (prefix, process, log, port, binary);
    }

    public int Port { get; }

    public string Binary { get; }

    public string PrefixDirectory => _prefix.Path;

    public string ConfigFile => _prefix.Combine("nginx.conf");

    public string UpstreamFile => _prefix.Combine("upstream.conf");

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public static async Task<NginxServer> StartAsync()
    {
        var binary = RequiredTool.Find("/usr/sbin/nginx", "nginx");
        var prefix = new TempDirectory("nginx");
        var port = Loopback.FreePort();
        Directory.CreateDirectory(prefix.Combine("logs"));
        Directory.CreateDirectory(prefix.Combine("tmp"));

        // Until the first shift, the upstream points nowhere (a server marked down keeps the block valid).
        File.WriteAllText(prefix.Combine("upstream.conf"), $"upstream {UpstreamName} {{ server 127.0.0.1:9 down; }}\n");
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        File.WriteAllText(prefix.Combine("nginx.conf"), string.Create(CultureInfo.InvariantCulture, $$"""
            {{user}}worker_processes 1;
            pid {{prefix.Combine("nginx.pid")}};
            error_log {{prefix.Combine("logs", "error.log")}} warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{prefix.Combine("tmp")}};
                proxy_temp_path {{prefix.Combine("tmp")}};
                fastcgi_temp_path {{prefix.Combine("tmp")}};
                uwsgi_temp_path {{prefix.Combine("tmp")}};
                scgi_temp_path {{prefix.Combine("tmp")}};
                include {{prefix.Combine("upstream.conf")}};
                server {
                    listen 127.0.0.1:{{port}};
                    location / { proxy_pass http://{{UpstreamName}}; }
                }
            }
            """));
        var (process, log) = ChildProcess.Start(binary, "-p", prefix.Path, "-c", prefix.Combine("nginx.conf"), "-e", prefix.Combine("logs", "error.log"), "-g", "daemon off;");
        await Loopback.WaitForListenerAsync("127.0.0.1", port, TimeSpan.FromSeconds(10), () => $"nginx log: {log}");
        return new NginxServer(prefix, process, log, port, binary);
    }

    /// <summary>Router settings for this nginx, reached as <paramref name="nginxHost"/> through the deploy target's hosts.</summary>
    public NginxRouterOptions RouterOptions(string nginxHost, int backendPort) => new()
    {
        NginxHost = nginxHost,
        UpstreamFile = UpstreamFile,
        UpstreamName = UpstreamName,
        BackendPort = backendPort,
        NginxBinary = Binary,
        ConfigFile = ConfigFile,
        PrefixDirectory = PrefixDirectory,
    };

    public ValueTask DisposeAsync()
    {
        ChildProcess.Stop(_process);
        _prefix.Dispose();
        return ValueTask.CompletedTask;
    }
}
