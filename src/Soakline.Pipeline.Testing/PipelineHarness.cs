using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Stores;
using Soakline.Pipeline.Tests.Orchestration.Fakes;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The pipeline on the in-memory durable backend with fake time and in-test fakes of every port; the release store
/// is the real in-memory one. Starts on Monday 2026-11-23 09:00 UTC.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly RepositoryRef Repository = new("acme", "shop");
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private PipelineHarness(FakeTimeProvider clock)
    {
        Clock = clock;
        SourceControl = new FakeSourceControl(clock);
        Approvals = new FakeApprovalNotifier(clock);
        Health = new FakeHealthProbe(clock);
        Secrets.Values["database-url"] = "postgres://app:s3cret@db/app";
    }

    public FakeTimeProvider Clock { get; }

    public DurableTaskTestHost Host { get; private set; } = null!;

    public DurableTaskClient Client => Host.Client;

    public FakeSourceControl SourceControl { get; }

    public FakeDeployTarget Deploy { get; } = new();

    public FakeTrafficRouter Router { get; } = new();

    public FakeHealthProbe Health { get; }

    public FakeMetrics Metrics { get; } = new();

    public FakeApprovalNotifier Approvals { get; }

    public FakeIncidentTracker Incidents { get; } = new();

    public FakeNotifier Notifier { get; } = new();

    public FakeEndpointInspector Endpoints { get; } = new();

    public FakeSecretResolver Secrets { get; } = new();

    public InMemoryReleaseStore Store { get; } = new();

    /// <summary>The protection policy; by default it allows what <see cref="TestSpecs.Default"/> does.</summary>
    public FakeProtectionPolicySource Policy { get; } = new();

    /// <param name="configure">Extra services after the harness's own, e.g. a backend decorator that imitates an engine fault.</param>
    public static async Task<PipelineHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var harness = new PipelineHarness(new FakeTimeProvider(Start));
        harness.Host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddPipelineTasks(),
            new DurableTaskTestHostOptions { TimeProvider = harness.Clock, ConfigureServices = services => { harness.Register(services); configure?.Invoke(services); } });
        return harness;
    }

    /// <summary>The commit the production tests release (its E2E run is green unless a test says otherwise).</summary>
    public static readonly string NewSha = Sha(2);

    /// <summary>What production runs before the tests release <see cref="NewSha"/>.</summary>
    public static readonly ReleaseId Stable = Release(1);

    /// <summary>A harness whose production runs <see cref="Stable"/> on every host, with a green E2E run for <see cref="NewSha"/>.</summary>
    /// <param name="configure">Extra services, as for <see cref="StartAsync"/>.</param>
    public static async Task<PipelineHarness> StartWithStableProductionAsync(Action<IServiceCollection>? configure = null)
    {
        var harness = await StartAsync(configure);
        await harness.SeedAsync("production", "api", TestSpecs.ProductionHosts, (Stable, Sha(1)));
        harness.SourceControl.MarkE2E(NewSha, WorkflowConclusion.Success);
        return harness;
    }

    /// <summary>Pushes <see cref="NewSha"/> to a branch, approves it as soon as it waits, and runs it to the end.</summary>
    public async Task<(string Id, ReleaseOutcome Outcome)> ApprovedReleaseAsync(string spec = TestSpecs.Default, string branch = "main")
    {
        var id = await PushAsync(branch, NewSha, spec);
        await IdleAsync();
        await DecideAsync(id, "production", approved: true);
        return (id, await RunAsync(id));
    }

    public static string Sha(int n) => $"{n:x7}abcdef0123456789abcdef0123456789a"[..40];

    public static ReleaseId Release(int n, int hour = 8) => ReleaseId.Create(Start.AddDays(-1).AddHours(hour), Sha(n));

    /// <summary>Makes <paramref name="release"/> the current release of a component in an environment (store and hosts).</summary>
    public async Task SeedAsync(string environment, string component, IReadOnlyList<string> hosts, params (ReleaseId Release, string Sha)[] releases)
    {
        foreach (var (release, sha) in releases)
        {
            await Store.RecordAsync(
                new ReleaseTransition(Guid.NewGuid().ToString("N"), $"seed-{release}", environment, TransitionKind.Deployed, Start.AddDays(-1), "seed", new CommitRef(Repository, sha, "main"), component, release, hosts),
                CancellationToken.None);
        }

        Deploy.Seed(component, hosts, [.. releases.Select(r => r.Release)]);
    }

    /// <param name="spec">The spec text carried by the push; null to have the pipeline read it from the commit.</param>
    public async Task<string> PushAsync(string branch, string sha, string? spec, bool overrideE2E = false)
    {
        var push = new PushEvent(Repository, branch, sha, Clock.GetUtcNow().AddHours(-1), "dev@example.com", "change", spec, overrideE2E);
        var instanceId = PipelineInstanceIds.ForPush(push.Commit);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator), push, new StartOrchestrationOptions(instanceId));
        return instanceId;
    }

    /// <summary>Runs the instance to completion, moving fake time to each due timer, and returns its output.</summary>
    public async Task<T> RunAsync<T>(string instanceId)
    {
        var metadata = await Host.RunUntilCompletedAsync(instanceId);
        // Thrown rather than asserted: the harness is shared with the pipeline benchmark, which has no test framework.
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{metadata}: {metadata.FailureDetails?.ErrorMessage}\n{metadata.FailureDetails?.StackTrace}");
        }

        return metadata.ReadOutputAs<T>()!;
    }

    public Task<ReleaseOutcome> RunAsync(string instanceId) => RunAsync<ReleaseOutcome>(instanceId);

    public async Task<IReadOnlyList<ReleaseTransition>> TransitionsAsync(string? environment = null) =>
        await Store.GetTransitionsAsync(new TransitionQuery(environment), CancellationToken.None);

    public async Task<IReadOnlyList<TransitionKind>> KindsAsync(string pipelineId) =>
        [.. (await Store.GetTransitionsAsync(new TransitionQuery(PipelineId: pipelineId), CancellationToken.None)).Select(t => t.Kind)];

    /// <summary>Lets the backend run until only timers (or external events) are pending.</summary>
    public Task IdleAsync() => Host.WaitForIdleAsync();

    public Task DecideAsync(string releaseInstanceId, string environment, bool approved, string by = "lead@example.com") =>
        Client.RaiseEventAsync(
            PipelineInstanceIds.ForEnvironmentRun(releaseInstanceId, environment),
            PipelineEvents.Approval,
            new ApprovalDecision(approved, by, Clock.GetUtcNow()));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private void Register(IServiceCollection services)
    {
        services.AddSingleton<ISourceControl>(SourceControl);
        services.AddSingleton<IDeployTarget>(Deploy);
        services.AddSingleton<ITrafficRouter>(Router);
        services.AddSingleton<IHealthProbe>(Health);
        services.AddSingleton<IMetricsProvider>(Metrics);
        services.AddSingleton<IApprovalNotifier>(Approvals);
        services.AddSingleton<IIncidentTracker>(Incidents);
        services.AddSingleton<INotifier>(Notifier);
        services.AddSingleton<IEndpointInspector>(Endpoints);
        services.AddSingleton<ISecretResolver>(Secrets);
        services.AddSingleton<IArtifactSource>(new FakeArtifactSource());
        services.AddSingleton<IReleaseStore>(Store);
        services.AddSingleton<IProtectionPolicySource>(Policy);
        services.AddSoaklinePipeline();
    }
}
