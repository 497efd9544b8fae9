using System.Globalization;
using Soakline.Demo.Kit.App;
using Soakline.Demo.Kit.Hosts;
using Soakline.Demo.Kit.LocalServices;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.Scenario;

/// <summary>
/// Everything a release needs, started on this machine: Azurite, an SMTP outbox, the demo repository (the app's source
/// control for it, as a local clone) with a local GitHub API beside it (incidents), three hosts (reached through an <see cref="IHostAccess"/>) and the Soakline app as a real
/// process wired to all of them. The demo plays its scenario on a rig; the end-to-end tests play theirs. Disposing
/// stops everything that was started, in reverse order, whatever happened.
/// </summary>
public sealed class DemoRig : IAsyncDisposable
{
    private readonly Stack<object> _started = new();

    private DemoRig(string workFolder, TextWriter output)
    {
        WorkFolder = workFolder;
        LogsFolder = Directory.CreateDirectory(Path.Combine(workFolder, "logs")).FullName;
        Output = output;
    }

    /// <summary>Where the rig keeps its logs, the outbox, the repository and the hosts' folders.</summary>
    public string WorkFolder { get; }

    public string LogsFolder { get; }

    public TextWriter Output { get; }

    public SmtpOutbox Outbox { get; private set; } = null!;

    public DemoRepository Repository { get; private set; } = null!;

    public LocalGitHub GitHub { get; private set; } = null!;

    public LocalHosts Hosts { get; private set; } = null!;

    public SoaklineApp App { get; private set; } = null!;

    /// <summary>Follows pipelines through the app's API, printing their progress to <see cref="Output"/>.</summary>
    public PipelineWatcher Watcher { get; private set; } = null!;

    /// <summary>Reads approval mail from the outbox and approves through the real approval page.</summary>
    public ApprovalDesk Desk { get; private set; } = null!;

    /// <param name="connectGitHub">
    /// False: the app gets no GitHub settings at all, only the demo repository's local clone as source control (as
    /// <c>./run serve</c> without GitHub); releases then start through <c>POST /api/releases</c> (<c>soakline release</c>).
    /// The local GitHub API still runs, unused, so <see cref="GitHub"/> is there either way.
    /// </param>
    /// <param name="soak">The canary stages' soak committed into the demo repository's spec; null keeps the demo's own
    /// (see <see cref="DemoRepository.CreateAsync"/>).</param>
    public static async Task<DemoRig> StartAsync(DemoPaths paths, IHostAccess hostAccess, TextWriter output, CancellationToken cancellationToken, bool connectGitHub = true, TimeSpan? soak = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(hostAccess);
        var rig = new DemoRig(Directory.CreateTempSubdirectory("soakline-demo-").FullName, output);
        try
        {
            await rig.StartPartsAsync(paths, hostAccess, connectGitHub, soak, cancellationToken).ConfigureAwait(false);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartPartsAsync(DemoPaths paths, IHostAccess hostAccess, bool connectGitHub, TimeSpan? soak, CancellationToken cancellationToken)
    {
        Say($"work folder (logs, outbox, hosts): {WorkFolder}");
        Say("starting Azurite");
        var azurite = Started(await AzuriteServer.StartAsync().ConfigureAwait(false));
        Outbox = Started(new SmtpOutbox(Path.Combine(WorkFolder, "outbox")));
        var appPort = FreePort.On(System.Net.IPAddress.Loopback);
        Repository = await DemoRepository.CreateAsync(paths.SamplesFolder, Path.Combine(WorkFolder, "repo"), appPort, soak).ConfigureAwait(false);
        Say($"demo repository {DemoRepository.FullName}: {Repository.Path} (main and develop at {(await Repository.HeadAsync("main").ConfigureAwait(false))[..7]})");
        GitHub = Started(await LocalGitHub.StartAsync(Repository.Path, DemoRepository.FullName).ConfigureAwait(false));
        Hosts = Started(new LocalHosts(Path.Combine(WorkFolder, "hosts"), appPort));
        Say($"hosts ({hostAccess.Description}): {string.Join(", ", LocalHosts.All.Select(h => $"{h.Name} http://{h.Address}:{appPort}"))}");

        var settings = new Dictionary<string, string>(hostAccess.Settings(Hosts), StringComparer.Ordinal)
        {
            ["Soakline__Storage__ConnectionString"] = azurite.ConnectionString,

            // The clone serves the demo repository's specs, diffs, statuses and artifacts; GitHub (the local API)
            // only its incident issues.
            [$"Soakline__LocalGit__Repositories__{DemoRepository.FullName}"] = Repository.Path,
            ["Soakline__Smtp__Host"] = "127.0.0.1",
            ["Soakline__Smtp__Port"] = Outbox.Port.ToString(CultureInfo.InvariantCulture),
            ["Soakline__Smtp__TlsMode"] = "None",
            ["Soakline__Smtp__FromAddress"] = "soakline@demo.soakline.local",

            // A restarted app picks up an activity (or an orchestration step) its previous process had taken after
            // 20 s instead of the engine's default minute: the demo's soaks last seconds.
            ["Soakline__Storage__WorkItemVisibilityTimeout"] = "00:00:20",
        };
        if (connectGitHub)
        {
            settings["Soakline__GitHub__Token"] = LocalGitHub.Token;
            settings["Soakline__GitHub__BaseUrl"] = GitHub.BaseUrl.AbsoluteUri;
            settings["Soakline__GitHub__IncidentRepository"] = DemoRepository.FullName;
        }

        foreach (var (name, value) in DemoPolicy.Settings())
        {
            settings[name] = value;
        }

        Say("starting the Soakline app (standalone, on Azurite)");
        App = Started(await SoaklineApp.StartAsync(paths.AppDll, AppIdentity.NewOnLoopback(), settings, Path.Combine(LogsFolder, "app.log"), cancellationToken).ConfigureAwait(false));
        Say($"app: {App.BaseUrl}   dashboard: {new Uri(App.BaseUrl, "dashboard")} (sign in with the API key)   API key ({AppIdentity.ApiKeyName}): {App.ApiKey}");
        Say($"approval mail goes to the outbox {Outbox.Folder}");
        Watcher = new PipelineWatcher(App, Output);
        Desk = new ApprovalDesk(Outbox.Folder, Output);
    }

    public void Say(string line) => Output.WriteLine($"demo: {line}");

    private T Started<T>(T part)
        where T : notnull
    {
        _started.Push(part);
        return part;
    }

    public async ValueTask DisposeAsync()
    {
        while (_started.TryPop(out var part))
        {
            switch (part)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
