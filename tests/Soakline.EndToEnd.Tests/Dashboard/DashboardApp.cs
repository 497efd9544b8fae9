using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Soakline.Durable.Testing;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Functions.Api;
using Soakline.Functions.Releases;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// The real app in process on a real Kestrel loopback port (so Chromium can reach it), standalone, on the in-memory
/// engine with the <see cref="StandInCanary"/> orchestrators and the app's own in-memory release store.
/// </summary>
internal sealed class DashboardApp : WebApplicationFactory<Program>
{
    /// <summary>The app's source control: without one it refuses to start.</summary>
    private readonly SpeclessClone _clone = new();

    public const string ApiKey = "apikey-DASHBOARD-TEST-5e4d3c2b1a";

    /// <summary>The approval links' signing key (48 bytes, base64), for tests that open an approval page.</summary>
    public const string SigningKey = "c2lnbmluZy1rZXktREFTSEJPQVJELTAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm";

    /// <summary>Whose key <see cref="ApiKey"/> is: an approver of the stand-in and the real pipeline.</summary>
    public const string ApiKeyName = "lead@example.com";

    /// <summary><c>Soakline__ApiKeys</c> of the dashboard test apps.</summary>
    public const string ApiKeys = ApiKeyName + "=" + ApiKey;
    public static readonly RepositoryRef Repository = new("acme", "shop");

    private readonly int _port = Loopback.FreePort();

    // The port through Kestrel's own options, not UseKestrel(port): with a port the factory rewrites the server's
    // addresses after building the app, racing Kestrel's bind (dotnet/aspnetcore#67714), and lost once in a full run.
    public DashboardApp() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Emergency rollbacks the API accepted (the stand-in pipeline has no rollback orchestrator to start).</summary>
    public RecordingRollbackStarter Rollbacks { get; } = new();

    public IReleaseStore Store => Services.GetRequiredService<IReleaseStore>();

    /// <summary>Opens a dashboard page signed in: the page's sign-in form, the key pasted, back on the page.</summary>
    public Task<Microsoft.Playwright.IResponse?> SignInAsync(Microsoft.Playwright.IPage page, string path = "dashboard") => BrowserSignIn.SignInAsync(page, new Uri(BaseAddress, path), ApiKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("Soakline:TaskHub", "dashboardtest");
        builder.UseSetting("Soakline:ApiKeys", ApiKeys);
        builder.UseSetting("Soakline:GitHub:WebhookSecret", "whsec-DASHBOARD-TEST-0a1b2c3d");
        builder.UseSetting("Soakline:Approvals:SigningKey", SigningKey);
        builder.UseSetting("Soakline:Policy:Repositories", "acme/shop");
        builder.UseSetting("Soakline:LocalGit:Repositories:acme/shop", _clone.Path);
        builder.ConfigureTestServices(services =>
        {
            // The stand-ins replace the pipeline's orchestrators: the SDK builds the worker's registry from every
            // AddTasks, so the app's are dropped first.
            services.RemoveAll<IConfigureOptions<DurableTaskRegistry>>();
            services.Configure<DurableTaskRegistry>(Options.DefaultName, StandInCanary.Register);
            services.AddDurableTaskWorker(worker => worker.UseInMemory());
            services.AddDurableTaskClient(client => client.UseInMemory());
            services.AddSingleton<IRollbackStarter>(Rollbacks);
        });
    }

    /// <summary>Starts a pipeline for a push, with the instance id the webhook would give it.</summary>
    public async Task<string> StartPipelineAsync(string branch, string sha, DateTimeOffset committedAt)
    {
        var push = new PushEvent(Repository, branch, sha, committedAt, "dev@example.com", $"change on {branch}");
        var id = PipelineInstanceIds.ForPush(new CommitRef(Repository, sha, branch));
        await Client.ScheduleNewOrchestrationInstanceAsync(DurableReleaseStarter.OrchestratorName, push, new StartOrchestrationOptions(InstanceId: id));
        return id;
    }

    /// <summary>Records a transition as the pipeline's orchestrators would (the audit trail the timeline and incidents read).</summary>
    public Task RecordAsync(string pipelineId, string environment, TransitionKind kind, DateTimeOffset at, string detail, string? actor = null, DateTimeOffset? committedAt = null) =>
        Store.RecordAsync(new ReleaseTransition($"{pipelineId}-{kind}-{at:O}", pipelineId, environment, kind, at, detail, Actor: actor, CommittedAt: committedAt), CancellationToken.None);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _clone.Dispose();
    }
}
