using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soakline.Functions.Api;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// The protection policy in the running app: standalone on its own engine over Azurite, signed deliveries, the spec read
/// from (a local server speaking) GitHub at the pushed commit, real local deploy hosts. The policy is TestSettings':
/// acme/shop only; production from main and hotfix/* to prod-1 and prod-2, approved by ops@example.com.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProtectionPolicyAppTests(AzuriteFixture azurite) : IDisposable
{
    private const string FeatureToProduction = """
        version: 1
        branches:
          - pattern: feature/*
            mode: automatic
            environment: production
          - pattern: main
            mode: automatic
            environment: production
        approval:
          approvers: [ops@example.com, intern@example.com]
        components:
          api:
            paths: ["api/**"]
            hosts:
              production: [prod-1, prod-2]
            releaseRoot: api
            health:
              url: http://{host}/health
        """;

    private readonly string _hosts = Directory.CreateTempSubdirectory("soakline-policy-hosts-").FullName;
    private readonly RecordingApprovals _approvals = new();
    private GitHubContentsServer? _github;

    public void Dispose()
    {
        _github?.Dispose();
        Directory.Delete(_hosts, recursive: true);
    }

    private SoaklineAppFactory App(string spec, string sha)
    {
        _github = new GitHubContentsServer(sha, spec);
        var app = _github.Configure(new SoaklineAppFactory())
            .OnAzurite(azurite)
            .WithServices(services => services.Replace(ServiceDescriptor.Singleton<IApprovalNotifier>(_approvals)))
            .OnStandaloneEngine();
        foreach (var host in new[] { "prod-1", "prod-2" })
        {
            app.With($"Soakline__Local__Hosts__{host}__Address", "127.0.0.1")
                .With($"Soakline__Local__Hosts__{host}__BaseDirectory", Directory.CreateDirectory(Path.Combine(_hosts, host)).FullName);
        }

        return app;
    }

    private static async Task<WebhookReply> DeliverAsync(HttpClient http, string body)
    {
        var response = await http.SendAsync(GitHubDeliveries.Request("push", body));
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<WebhookReply>())!;
    }

    private static async Task<ReleaseOutcome> CompletedAsync(DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<ReleaseOutcome>()!;
    }

    private static async Task<PipelineDetail> DetailAsync(HttpClient http, string id)
    {
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return (await http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{Uri.EscapeDataString(id)}"))!;
    }

    [Fact]
    public async Task A_feature_branch_whose_spec_grants_itself_production_changes_no_production_host_and_says_why()
    {
        const string sha = "1111111111111111111111111111111111111111";
        await using var app = App(FeatureToProduction, sha);
        var http = app.CreateClient();

        var reply = await DeliverAsync(http, GitHubDeliveries.Push(branch: "feature/x", sha: sha));
        await app.PushesStartedAsync();
        var outcome = await CompletedAsync(app.Client, reply.InstanceId!);

        Assert.Equal(ReleaseStatus.PolicyRefused, outcome.Status);
        Assert.Contains("line 3: branches[0].pattern: branch 'feature/x' may not deploy to production: the protection policy allows only 'main', 'hotfix/*'", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_hosts, "*", SearchOption.AllDirectories));
        var refused = Assert.Single((await DetailAsync(http, reply.InstanceId!)).Timeline);
        Assert.Equal(("PolicyRefused", "production"), (refused.Kind, refused.Environment));
        Assert.Equal(outcome.Detail, refused.Detail);
        var status = Assert.Single(_github!.CommitStatuses);
        Assert.Contains("\"state\":\"failure\"", status, StringComparison.Ordinal);
        Assert.Contains("refused by the protection policy", status, StringComparison.Ordinal);
        Assert.Empty(_approvals.Requests);
    }

    [Fact]
    public async Task A_push_from_a_repository_the_policy_does_not_serve_is_acknowledged_and_starts_nothing()
    {
        const string sha = "2222222222222222222222222222222222222222";
        await using var app = App(FeatureToProduction, sha);
        var http = app.CreateClient();
        var body = GitHubDeliveries.Push(branch: "main", sha: sha).Replace("acme/shop", "mallory/shop", StringComparison.Ordinal).Replace("\"acme\"", "\"mallory\"", StringComparison.Ordinal);

        var response = await http.SendAsync(GitHubDeliveries.Request("push", body));
        var reply = (await response.Content.ReadFromJsonAsync<WebhookReply>())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", reply.Status);
        Assert.Equal("mallory/shop is not a repository the protection policy serves (setting Soakline__Policy__Repositories)", reply.Detail);
        Assert.Null(reply.InstanceId);
        Assert.Empty(await app.InstancesAsync());
        Assert.Empty(_github!.CommitStatuses);
    }

    [Fact]
    public async Task A_production_push_whose_spec_says_automatic_still_waits_for_an_approver_from_the_policy()
    {
        const string sha = "3333333333333333333333333333333333333333";
        await using var app = App(FeatureToProduction, sha);
        var http = app.CreateClient();

        var reply = await DeliverAsync(http, GitHubDeliveries.Push(branch: "main", sha: sha));
        var request = await _approvals.First.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([TestSettings.PolicyApprover], request.Approvers);
        var child = PipelineInstanceIds.ForEnvironmentRun(reply.InstanceId!, "production");
        var waiting = await StageAsync(app.Client, child, "awaiting-approval");
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        var run = waiting.ReadInputAs<PipelineRun>()!;
        Assert.Equal(BranchMode.Approval, run.Mode);
        Assert.Equal([TestSettings.PolicyApprover], run.Approvers!);
        Assert.Empty(Directory.EnumerateFiles(_hosts, "*", SearchOption.AllDirectories));
        // The gate shows it is waiting before the request is sent and recorded (so an early decision is not lost): wait for the record.
        var timeline = await TimelineWithAsync(http, reply.InstanceId!, "ApprovalRequested");
        Assert.Contains(timeline, t => t.Kind == "PipelineStarted" && t.Detail.Contains("the protection policy requires approval for production", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Kind == "ApprovalRequested" && t.Detail.Contains(TestSettings.PolicyApprover, StringComparison.Ordinal));
    }

    /// <summary>Waits until the pipeline's timeline holds an entry of <paramref name="kind"/>.</summary>
    private static async Task<IReadOnlyList<Soakline.Functions.Api.TimelineEntry>> TimelineWithAsync(HttpClient http, string instanceId, string kind) =>
        (await Eventually.MatchAsync(() => DetailAsync(http, instanceId), d => d.Timeline.Any(t => t.Kind == kind), $"a {kind} entry on {instanceId}'s timeline")).Timeline;

    [Fact]
    public async Task A_spec_with_a_loopback_health_url_for_production_is_refused_naming_the_field()
    {
        const string sha = "4444444444444444444444444444444444444444";
        await using var app = App(FeatureToProduction.Replace("http://{host}/health", "http://127.0.0.1:8080/health", StringComparison.Ordinal), sha);
        var http = app.CreateClient();

        var reply = await DeliverAsync(http, GitHubDeliveries.Push(branch: "main", sha: sha));
        await app.PushesStartedAsync();
        var outcome = await CompletedAsync(app.Client, reply.InstanceId!);

        Assert.Equal(ReleaseStatus.PolicyRefused, outcome.Status);
        Assert.Contains("line 18: components.api.health.url: '127.0.0.1' is a loopback address, not one of the hosts or probe hosts the protection policy lists for production", outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(_approvals.Requests);
        Assert.Empty(Directory.EnumerateFiles(_hosts, "*", SearchOption.AllDirectories));
    }

    /// <summary>Waits until the instance's custom status reaches <paramref name="stage"/> (the engine runs on real time).</summary>
    private static async Task<OrchestrationMetadata> StageAsync(DurableTaskClient client, string instanceId, string stage) =>
        (await Eventually.MatchAsync(
            () => client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, Eventually.Timeout()),
            instance => instance?.ReadCustomStatusAs<PipelineStatus>()?.Stage == stage,
            $"{instanceId} to reach stage {stage}"))!;

    private sealed class RecordingApprovals : IApprovalNotifier
    {
        public ConcurrentQueue<ApprovalRequest> Requests { get; } = new();

        public TaskCompletionSource<ApprovalRequest> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ApprovalRequestSent> RequestApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request);
            First.TrySetResult(request);
            return Task.FromResult(new ApprovalRequestSent(request.Approvers, DateTimeOffset.UtcNow));
        }
    }
}
