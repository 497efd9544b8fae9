using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>A finished workflow run or check suite reaches the pipeline that waits on the commit.</summary>
public sealed class CiSignalTests : IAsyncLifetime
{
    private readonly SoaklineAppFactory _app = new SoaklineAppFactory().WithOrchestrators(r => r.AddOrchestratorFunc<Soakline.Pipeline.Orchestration.PushEvent, CiCompleted>(
        DurableReleaseStarter.OrchestratorName,
        (context, _) => context.WaitForExternalEvent<CiCompleted>(DurablePipelineSignals.EventName, CancellationToken.None)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_completed_workflow_run_is_raised_on_the_commits_running_pipeline()
    {
        var http = _app.CreateClient();
        var started = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()))).Content.ReadFromJsonAsync<WebhookReply>();
        await _app.IdleAsync();

        var response = await http.SendAsync(GitHubDeliveries.Request("workflow_run", GitHubDeliveries.WorkflowRun(conclusion: "failure")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("signalled", (await response.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        var done = await _app.Client.WaitForInstanceCompletionAsync(started!.InstanceId!, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var signal = done.ReadOutputAs<CiCompleted>()!;
        Assert.Equal(("workflow_run", "e2e", "failure", 42L), (signal.Kind, signal.Name, signal.Conclusion, signal.Id));
    }

    [Fact]
    public async Task A_completed_check_suite_for_a_commit_without_a_pipeline_is_ignored()
    {
        var body = """{"action":"completed","check_suite":{"id":7,"head_branch":"main","head_sha":"ffffffffffffffffffffffffffffffffffffffff","conclusion":"success","app":{"slug":"github-actions"}},"repository":{"full_name":"acme/shop"}}""";

        var response = await _app.CreateClient().SendAsync(GitHubDeliveries.Request("check_suite", body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Empty(await _app.InstancesAsync());

        // Such deliveries are most of a busy repository's traffic: their line names no instance, and no "(null)".
        var logged = Assert.Single(_app.Logs.Lines, l => l.Contains("GitHub delivery", StringComparison.Ordinal) && l.Contains("(check_suite): ignored", StringComparison.Ordinal));
        Assert.DoesNotContain("(null)", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_run_from_a_repository_the_policy_does_not_serve_signals_nothing()
    {
        var http = _app.CreateClient();
        var started = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push()))).Content.ReadFromJsonAsync<WebhookReply>();
        await _app.IdleAsync();
        var body = GitHubDeliveries.WorkflowRun().Replace("\"acme/shop\"", "\"mallory/shop\"", StringComparison.Ordinal);

        var response = await http.SendAsync(GitHubDeliveries.Request("workflow_run", body));
        await _app.IdleAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = (await response.Content.ReadFromJsonAsync<WebhookReply>())!;
        Assert.Equal(("ignored", "mallory/shop is not a repository the protection policy serves (setting Soakline__Policy__Repositories)"), (reply.Status, reply.Detail));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _app.Client.GetInstanceAsync(started!.InstanceId!))!.RuntimeStatus);
    }
}
