using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Tests.Orchestration;
using Soakline.Pipeline.Tests.Orchestration.Fakes;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The app on a real Kestrel port running the real pipeline orchestrators on the in-memory engine, with the pipeline
/// tests' fakes behind every port and a fake clock the test moves, so a real canary soaks in seconds.
/// </summary>
internal sealed class RealCanaryApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 7, 50, 0, TimeSpan.Zero);
    public static readonly RepositoryRef Repository = new("acme", "shop");

    private readonly int _port = Loopback.FreePort();

    public RealCanaryApp()
    {
        Clock = new FakeTimeProvider(Start);
        SourceControl = new FakeSourceControl(Clock);
        Approvals = new FakeApprovalNotifier(Clock);
        // Not UseKestrel(port): see DashboardApp (the factory's port races Kestrel's bind).
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
    }

    public FakeTimeProvider Clock { get; }

    public FakeSourceControl SourceControl { get; }

    public FakeApprovalNotifier Approvals { get; }

    public FakeDeployTarget Deploy { get; } = new();

    public FakeMetrics Metrics { get; } = new();

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Until the in-memory engine has no work left: every timer that fired and what it started has run.</summary>
    public Task IdleAsync() =>
        Services.GetRequiredService<Soakline.Durable.Testing.InMemory.InMemoryOrchestrationBackend>().WaitForIdleAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    /// <summary>Opens a dashboard page signed in as <see cref="DashboardApp.ApiKeyName"/>.</summary>
    public Task<Microsoft.Playwright.IResponse?> SignInAsync(Microsoft.Playwright.IPage page, string path) => BrowserSignIn.SignInAsync(page, new Uri(BaseAddress, path), DashboardApp.ApiKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("Soakline:TaskHub", "realcanarytest");
        builder.UseSetting("Soakline:ApiKeys", DashboardApp.ApiKeys);
        builder.UseSetting("Soakline:GitHub:WebhookSecret", "whsec-DASHBOARD-TEST-0a1b2c3d");
        builder.UseSetting("Soakline:Approvals:SigningKey", "c2lnbmluZy1rZXktREFTSEJPQVJELTAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm");
        builder.UseSetting("Soakline:Policy:Repositories", "acme/shop");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // The fake-clock in-memory host instead of the app's engine, so the canary's soak follows the fake clock.
            services.AddDurableTaskWorker(worker => worker.UseInMemory());
            services.AddDurableTaskClient(client => client.UseInMemory());
            services.AddSingleton<ISourceControl>(SourceControl);
            services.AddSingleton<IDeployTarget>(Deploy);
            services.AddSingleton<ITrafficRouter>(new FakeTrafficRouter());
            services.AddSingleton<IHealthProbe>(new FakeHealthProbe());
            // The app always registers its built-in probe provider (also named "probe"): only the fake may answer.
            services.RemoveAll<IMetricsProvider>();
            services.AddSingleton<IMetricsProvider>(Metrics);
            services.AddSingleton<IApprovalNotifier>(Approvals);
            services.AddSingleton<IIncidentTracker>(new FakeIncidentTracker());
            services.AddSingleton<INotifier>(new FakeNotifier());
            services.AddSingleton<IEndpointInspector>(new FakeEndpointInspector());
            services.AddSingleton<IProtectionPolicySource>(new FakeProtectionPolicySource());
            var secrets = new FakeSecretResolver();
            secrets.Values["database-url"] = "postgres://shop@db.internal/shop";
            services.AddSingleton<ISecretResolver>(secrets);
            services.AddSingleton<IArtifactSource>(new FakeArtifactSource());
        });
    }

    /// <summary>Production runs a stable release on every host; the new commit's E2E run is green; then the push.</summary>
    public async Task<string> PushToMainAsync(string sha)
    {
        var stable = ReleaseId.Create(Start.AddDays(-1), new string('1', 40));
        var store = Services.GetRequiredService<IReleaseStore>();
        await store.RecordAsync(new ReleaseTransition("seed", "seed", "production", TransitionKind.Deployed, Start.AddDays(-1), "seed", new CommitRef(Repository, new string('1', 40), "main"), "api", stable, TestSpecs.ProductionHosts), CancellationToken.None);
        Deploy.Seed("api", TestSpecs.ProductionHosts, [stable]);
        SourceControl.MarkE2E(sha, WorkflowConclusion.Success);

        var push = new PushEvent(Repository, "main", sha, Clock.GetUtcNow().AddHours(-1), "dev@example.com", "change", TestSpecs.Default);
        var id = PipelineInstanceIds.ForPush(push.Commit);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReleaseOrchestrator), push, new StartOrchestrationOptions(id));
        return id;
    }
}
