using System.Globalization;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Deploy.Ssh;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// A set of simulated hosts for one test: addresses handed out from a pool (so tests never share one), a base
/// folder each, and the shared files a real host would be set up with once (<c>.env</c> with address and ports).
/// Disposing stops the app instances the releases started (by the process ids in their pid files).
/// </summary>
public sealed class AppHosts : IDisposable
{
    private static int _nextAddress;
    private readonly TempDirectory _folder = new("hosts");

    public AppHosts(int count, int appPort, int previewPort, int addressPoolSize)
    {
        AppPort = appPort;
        var first = Interlocked.Add(ref _nextAddress, count) - count;
        if (first + count > addressPoolSize)
        {
            throw new InvalidOperationException($"the loopback host pool ({addressPoolSize} addresses) is used up; raise it in the fixture");
        }

        Hosts = Enumerable.Range(first, count).Select(i =>
        {
            var host = new AppHost($"web-{i + 1}", Loopback.HostAddress(i), _folder.Combine($"host{i + 1}"));
            Directory.CreateDirectory(Path.Combine(host.SharedDirectory, "logs"));
            File.WriteAllText(Path.Combine(host.SharedDirectory, ".env"),
                string.Create(CultureInfo.InvariantCulture, $"ADDRESS={host.Address}\nPORT={appPort}\nPREVIEW_PORT={previewPort}\n"));
            return host;
        }).ToList();
    }

    public IReadOnlyList<AppHost> Hosts { get; }

    public int AppPort { get; }

    public IReadOnlyList<string> Names => Hosts.Select(h => h.Name).ToList();

    public AppHost this[int index] => Hosts[index];

    public SshTargetOptions SshOptions(SshServer server, Action<SshTargetOptions>? adjust = null)
    {
        var options = new SshTargetOptions
        {
            PrivateKey = server.ClientPrivateKey,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ConnectAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            CommandTimeout = TimeSpan.FromSeconds(60),
            MaxParallelHosts = 8,
        };
        foreach (var host in Hosts)
        {
            options.Hosts[host.Name] = SshHost(server, host.Address, host.BaseDirectory);
        }

        adjust?.Invoke(options);
        return options;
    }

    public static SshHostSettings SshHost(SshServer server, string address, string? baseDirectory, int? port = null, string? fingerprint = null)
    {
        var settings = new SshHostSettings { Address = address, Port = port ?? server.Port, User = server.User, BaseDirectory = baseDirectory };
        settings.HostKeySha256.Add(fingerprint ?? server.HostKeyFingerprint);
        return settings;
    }

    public LocalTargetOptions LocalOptions()
    {
        var options = new LocalTargetOptions { CommandTimeout = TimeSpan.FromSeconds(60) };
        foreach (var host in Hosts)
        {
            options.Hosts[host.Name] = new LocalHostSettings { Address = host.Address, BaseDirectory = host.BaseDirectory };
        }

        return options;
    }

    public void Dispose()
    {
        foreach (var host in Hosts)
        {
            foreach (var pidFile in new[] { "app.pid", "preview.pid" }.Select(f => Path.Combine(host.SharedDirectory, f)).Where(File.Exists))
            {
                StopProcess(File.ReadAllText(pidFile).Trim());
            }
        }

        _folder.Dispose();
    }

    private static void StopProcess(string pid)
    {
        if (!int.TryParse(pid, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
