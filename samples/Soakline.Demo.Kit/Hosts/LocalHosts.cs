using System.Diagnostics;
using System.Globalization;

namespace Soakline.Demo.Kit.Hosts;

/// <summary>
/// The demo's "servers": one folder per host on this machine, each with its own loopback address, set up once like a
/// real server (the shared <c>.env</c> saying where the sample app listens). How the app reaches them (a local shell,
/// or SSH) is an <see cref="IHostAccess"/>. Disposing stops the sample apps the deploys started there (their pids are
/// in each host's <c>shared/sample.pid</c>).
/// </summary>
public sealed class LocalHosts : IDisposable
{
    /// <summary>Host names as the spec names them, with their loopback addresses (all of 127.0.0.0/8 is loopback on Linux).</summary>
    public static readonly IReadOnlyList<(string Name, string Address)> All =
    [
        ("staging-1", "127.0.1.1"),
        ("web-1", "127.0.1.2"),
        ("web-2", "127.0.1.3"),
    ];

    private readonly string _root;

    public LocalHosts(string root, int appPort)
    {
        _root = root;
        AppPort = appPort;
        foreach (var (name, address) in All)
        {
            var shared = Directory.CreateDirectory(Path.Combine(root, name, "app", "shared")).FullName;
            File.WriteAllText(Path.Combine(shared, ".env"), $"SAMPLE_URLS=http://{address}:{appPort}\n");
        }
    }

    /// <summary>The port the sample app listens on, on every host's address.</summary>
    public int AppPort { get; }

    /// <summary>The folder that plays the host's file system: the spec's relative release root is resolved under it.</summary>
    public string FolderOf(string name) => Path.Combine(_root, name);

    /// <summary>The commit the host's <c>current</c> release was built from (its REVISION file), or null before any deploy.</summary>
    public string? CurrentRevisionOf(string name)
    {
        var revision = Path.Combine(FolderOf(name), "app", "current", "REVISION");
        return File.Exists(revision) ? File.ReadAllText(revision).Trim() : null;
    }

    public void Dispose()
    {
        foreach (var (name, _) in All)
        {
            var pidFile = Path.Combine(_root, name, "app", "shared", "sample.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
