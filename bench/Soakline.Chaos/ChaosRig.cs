using System.Globalization;
using System.Net;
using Soakline.Demo.Kit.LocalServices;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Chaos;

/// <summary>
/// Everything the chaos runs on, started on this machine: Azurite, an SMTP outbox for approval mail, the fleet's git
/// repository behind a local GitHub API, the hosts (folders, ledgers, health and Prometheus answers) and the app as
/// two processes on one task hub.
/// </summary>
internal sealed class ChaosRig : IAsyncDisposable
{
    private AzuriteServer? _azurite;
    private SmtpOutbox? _outbox;
    private LocalGitHub? _github;
    private FleetHosts? _hosts;
    private AppPair? _apps;

    private ChaosRig(string workFolder) => WorkFolder = workFolder;

    public string WorkFolder { get; }

    public string LogsFolder => Path.Combine(WorkFolder, "logs");

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Azurite is not started.");

    public SmtpOutbox Outbox => _outbox ?? throw new InvalidOperationException("The outbox is not started.");

    public FleetRepository Repository { get; private set; } = null!;

    public FleetHosts Hosts => _hosts ?? throw new InvalidOperationException("The hosts are not started.");

    public AppPair Apps => _apps ?? throw new InvalidOperationException("The app is not started.");

    public static async Task<ChaosRig> StartAsync(ChaosOptions options, ChaosPlan plan, string workFolder, ChaosProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var rig = new ChaosRig(workFolder);
        try
        {
            await rig.StartPartsAsync(options, plan, progress, clock, cancellationToken).ConfigureAwait(false);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartPartsAsync(ChaosOptions options, ChaosPlan plan, ChaosProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LogsFolder);
        progress.Say($"work folder (logs, outbox, hosts and their ledgers): {WorkFolder}");
        _azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        _outbox = new SmtpOutbox(Path.Combine(WorkFolder, "outbox"));
        var healthPort = FreePort.On(IPAddress.Parse(plan.Environments[0].Hosts[0].Address));
        Repository = await FleetRepository.CreateAsync(Path.Combine(WorkFolder, "repo"), plan.Environments, healthPort).ConfigureAwait(false);
        _github = await LocalGitHub.StartAsync(Repository.Path, FleetRepository.FullName).ConfigureAwait(false);
        var hosts = plan.Environments.SelectMany(e => e.Hosts).ToList();
        _hosts = await FleetHosts.StartAsync(Path.Combine(WorkFolder, "hosts"), hosts, healthPort, FreePort.On(IPAddress.Loopback), clock).ConfigureAwait(false);
        progress.Say($"{plan.Environments.Count} environments, {hosts.Count} hosts on 127.0.3.x, repository {FleetRepository.FullName}: {Repository.Path}");

        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Hosts.WrappersFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["Soakline__Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Soakline__GitHub__Token"] = LocalGitHub.Token,
            ["Soakline__GitHub__BaseUrl"] = _github.BaseUrl.AbsoluteUri,
            ["Soakline__GitHub__IncidentRepository"] = FleetRepository.FullName,
            [$"Soakline__LocalGit__Repositories__{FleetRepository.FullName}"] = Repository.Path,
            ["Soakline__Prometheus__BaseUrl"] = Hosts.PrometheusUrl.AbsoluteUri,
            ["Soakline__Smtp__Host"] = "127.0.0.1",
            ["Soakline__Smtp__Port"] = Outbox.Port.ToString(CultureInfo.InvariantCulture),
            ["Soakline__Smtp__TlsMode"] = "None",
            ["Soakline__Smtp__FromAddress"] = "soakline@chaos.soakline.local",
            ["Soakline__Policy__Repositories"] = FleetRepository.FullName,

            // A message a killed process had taken comes back after 15 s (the engine's minimum) instead of a minute.
            ["Soakline__Storage__WorkItemVisibilityTimeout"] = "00:00:15",
        };
        foreach (var environment in plan.Environments)
        {
            var policy = $"Soakline__Policy__Environments__{environment.Name}__";
            settings[policy + "Kind"] = "production";
            settings[policy + "Branches"] = environment.Branch;
            settings[policy + "Approvers"] = FleetRepository.Approver;
            settings[policy + "Hosts"] = string.Join(", ", environment.Hosts.Select(h => h.Name));
            foreach (var host in environment.Hosts)
            {
                settings[$"Soakline__Local__Hosts__{host.Name}__Address"] = host.Address;
                settings[$"Soakline__Local__Hosts__{host.Name}__BaseDirectory"] = host.Folder;
            }
        }

        progress.Say("starting the app: two standalone processes on one task hub");
        _apps = await AppPair.StartAsync(options.AppDll, settings, LogsFolder, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops what was started, the app first and Azurite last, whatever happened on the way.</summary>
    public async ValueTask DisposeAsync()
    {
        _apps?.Dispose();
        if (_hosts is not null)
        {
            await _hosts.DisposeAsync().ConfigureAwait(false);
        }

        if (_github is not null)
        {
            await _github.DisposeAsync().ConfigureAwait(false);
        }

        if (_outbox is not null)
        {
            await _outbox.DisposeAsync().ConfigureAwait(false);
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
