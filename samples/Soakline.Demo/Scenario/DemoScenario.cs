using Soakline.Demo.LocalServices;
using Soakline.Durable.AzureStorage.Testing;

namespace Soakline.Demo.Scenario;

/// <summary>
/// The whole demo: starts Azurite, a local SMTP outbox, a local GitHub API for the demo repository, three local hosts
/// and the app; then plays (a) develop → staging, (b) main → approval mail → canary → promoted, (c) a release that
/// starts failing in its first canary stage → automatic rollback and an incident. Everything it starts is stopped on
/// the way out, whatever happens.
/// </summary>
public sealed class DemoScenario(DemoPaths paths, TextWriter output)
{
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(6);
    private const string ZeroSha = "0000000000000000000000000000000000000000";

    /// <summary>Seconds after start when the bad release fails: past its deploy-time health checks, inside its first soak.</summary>
    private const int FailAfterSeconds = 6;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("soakline-demo-").FullName;
        var logs = Directory.CreateDirectory(Path.Combine(work, "logs")).FullName;
        Say($"work folder (logs, outbox, hosts): {work}");

        Say("starting Azurite");
        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        await using var outbox = new SmtpOutbox(Path.Combine(work, "outbox"));
        var appPort = Infrastructure.FreePort.On(System.Net.IPAddress.Loopback);
        var repository = await DemoRepository.CreateAsync(paths.SamplesFolder, Path.Combine(work, "repo"), appPort).ConfigureAwait(false);
        Say($"demo repository {DemoRepository.FullName}: {repository.Path} (main and develop at {(await repository.HeadAsync("main").ConfigureAwait(false))[..7]})");
        await using var github = await LocalGitHub.StartAsync(repository.Path, DemoRepository.FullName).ConfigureAwait(false);
        using var hosts = new LocalHosts(Path.Combine(work, "hosts"), appPort);
        Say($"hosts: {string.Join(", ", LocalHosts.All.Select(h => $"{h.Name} http://{h.Address}:{appPort}"))}");

        var settings = new Dictionary<string, string>(hosts.Settings(), StringComparer.Ordinal)
        {
            ["Soakline__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Soakline__GitHub__Token"] = LocalGitHub.Token,
            ["Soakline__GitHub__BaseUrl"] = github.BaseUrl.AbsoluteUri,
            ["Soakline__GitHub__IncidentRepository"] = DemoRepository.FullName,
            [$"Soakline__LocalGit__Repositories__{DemoRepository.FullName}"] = repository.Path,
            ["Soakline__Smtp__Host"] = "127.0.0.1",
            ["Soakline__Smtp__Port"] = outbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Soakline__Smtp__TlsMode"] = "None",
            ["Soakline__Smtp__FromAddress"] = "soakline@demo.soakline.local",
        };
        Say("starting the Soakline app (standalone, on Azurite)");
        using var app = await SoaklineApp.StartAsync(paths.AppDll, settings, Path.Combine(logs, "app.log"), cancellationToken).ConfigureAwait(false);
        Say($"app: {app.BaseUrl}   dashboard: {new Uri(app.BaseUrl, "dashboard")}   API key: {app.ApiKey}");
        Say($"approval mail goes to the outbox {outbox.Folder}");

        var watcher = new PipelineWatcher(app, output);
        var desk = new ApprovalDesk(outbox.Folder, output);
        Task Approve(string environment, string stage) => stage == "awaiting-approval" ? desk.ApproveNextMailAsync(cancellationToken) : Task.CompletedTask;

        Say("(a) push to develop -> staging");
        var develop = await repository.HeadAsync("develop").ConfigureAwait(false);
        var staging = await watcher.FollowAsync(await app.PushAsync(DemoRepository.FullName, "develop", ZeroSha, develop, "Sample app", cancellationToken).ConfigureAwait(false), PipelineTimeout, null, cancellationToken).ConfigureAwait(false);
        if (!staging.TimelineKinds.Any(k => k.StartsWith("E2E", StringComparison.Ordinal)))
        {
            Say("E2E: skipped (no workflow configured: the demo repository is not on GitHub)");
        }

        Say("(b) push to main: production's first release goes to every host at once (no stable release to canary against)");
        var first = await repository.HeadAsync("main").ConfigureAwait(false);
        var baseline = await watcher.FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", ZeroSha, first, "Sample app", cancellationToken).ConfigureAwait(false), PipelineTimeout, Approve, cancellationToken).ConfigureAwait(false);

        Say("    push to main: release 1.1.0 -> approval -> canary 5 -> 25 -> 50 -> 100");
        var good = await repository.CommitAsync("Sample app 1.1.0", new Dictionary<string, string> { ["VERSION"] = "1.1.0\n" }).ConfigureAwait(false);
        var promoted = await watcher.FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", first, good, "Sample app 1.1.0", cancellationToken).ConfigureAwait(false), PipelineTimeout, Approve, cancellationToken).ConfigureAwait(false);

        Say($"(c) push to main: release 1.2.0, which starts failing {FailAfterSeconds}s after it starts (FAIL_AFTER committed) -> canary");
        var bad = await repository.CommitAsync("Sample app 1.2.0 (a bug: fails after a while)", new Dictionary<string, string>
        {
            ["VERSION"] = "1.2.0\n",
            ["FAIL_AFTER"] = $"{FailAfterSeconds}\n",
        }).ConfigureAwait(false);
        var rolledBack = await watcher.FollowAsync(await app.PushAsync(DemoRepository.FullName, "main", good, bad, "Sample app 1.2.0", cancellationToken).ConfigureAwait(false), PipelineTimeout, Approve, cancellationToken).ConfigureAwait(false);

        var incidents = github.Issues;
        foreach (var incident in incidents)
        {
            Say($"incident #{incident.Number} ({incident.State}): {incident.Title} {incident.Url}");
        }

        foreach (var request in github.Unanswered)
        {
            Say($"note: the local GitHub had no answer for {request}");
        }

        var stagingOk = staging.Outcome.StartsWith("Deployed", StringComparison.Ordinal);
        var baselineOk = baseline.Outcome.StartsWith("Released", StringComparison.Ordinal);
        var promotedOk = promoted.Outcome.StartsWith("Released", StringComparison.Ordinal) && promoted.TimelineKinds.Contains("StagePromoted");
        var rolledBackOk = rolledBack.Outcome.StartsWith("RolledBack", StringComparison.Ordinal) && incidents.Count > 0;
        output.WriteLine();
        output.WriteLine("Summary");
        output.WriteLine($"  staging     {(stagingOk ? "deployed" : "NOT deployed"),-14} {staging.Duration.TotalSeconds,4:0}s  {staging.Outcome}");
        output.WriteLine($"  first       {(baselineOk ? "released" : "NOT released"),-14} {baseline.Duration.TotalSeconds,4:0}s  {baseline.Outcome}");
        output.WriteLine($"  canary      {(promotedOk ? "promoted" : "NOT promoted"),-14} {promoted.Duration.TotalSeconds,4:0}s  {promoted.Outcome}");
        output.WriteLine($"  bad release {(rolledBackOk ? "rolled back" : "NOT rolled back"),-14} {rolledBack.Duration.TotalSeconds,4:0}s  {rolledBack.Outcome}; incidents: {incidents.Count}");
        output.WriteLine($"  logs: {logs}");
        return stagingOk && baselineOk && promotedOk && rolledBackOk;
    }

    private void Say(string line) => output.WriteLine($"demo: {line}");
}

/// <summary>Where the demo finds the repository's parts.</summary>
public sealed record DemoPaths(string SamplesFolder, string AppDll);
