using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.EndToEnd;

/// <summary>
/// The app standalone on Azure Storage (Azurite): its own engine (the Durable Task Framework's Azure Storage provider)
/// and its table-backed ledgers shared by several instances. Under Azure Functions the host's Durable extension runs the
/// engine; the function classes are tested through the worker's abstractions (Functions/).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteAppTests(AzuriteFixture azurite) : IDisposable
{
    private readonly GitHubContentsServer _github = new();
    private readonly string _taskHub = AzuriteFixture.NewTaskHub();

    public void Dispose() => _github.Dispose();

    private SoaklineAppFactory App() => _github.Configure(new SoaklineAppFactory())
        .OnAzurite(azurite, _taskHub);

    private static async Task<OrchestrationMetadata> CompletedAsync(DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    [Fact]
    public async Task Standalone_a_push_runs_the_real_pipeline_on_azure_storage()
    {
        await using var app = App().OnStandaloneEngine();
        var http = app.CreateClient();

        var reply = await (await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(branch: "feature/basket")))).Content.ReadFromJsonAsync<WebhookReply>();

        Assert.Equal("accepted", reply!.Status);
        await app.PushesStartedAsync();
        var done = await CompletedAsync(app.Client, reply.InstanceId!);
        Assert.Equal(ReleaseStatus.Ignored, done.ReadOutputAs<ReleaseOutcome>()!.Status);
        var table = new TableServiceClient(azurite.ConnectionString);
        Assert.Contains(table.Query(t => t.Name == _taskHub + "Instances"), t => true);
    }

    [Fact]
    public async Task Two_instances_of_the_app_share_the_delivery_ledger()
    {
        await using var first = App();
        await using var second = App();
        var delivery = Guid.NewGuid().ToString();

        // A push (a ping is not claimed: it changes nothing).
        var handled = await first.CreateClient().SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), delivery));
        var redelivered = await second.CreateClient().SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), delivery));

        Assert.Equal("accepted", (await handled.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
    }

    [Fact]
    public async Task Standalone_a_push_recorded_but_not_started_when_its_process_died_is_started_after_the_restart()
    {
        // What a process leaves when it dies after answering 202 "accepted" and before its pump started the pipeline:
        // the delivery's claim holding the push, written exactly as the webhook writes it.
        var deliveryId = Guid.NewGuid().ToString();
        // A feature branch: the pipeline finds no environment for it and ends at once (Ignored).
        var push = new PushReceived(new Pipeline.Domain.RepositoryRef("acme", "shop"), "feature/basket", GitHubDeliveries.Sha, new DateTimeOffset(2026, 11, 23, 7, 40, 0, TimeSpan.Zero), "ada", "Fix the basket total");
        var ledger = new TableDeliveryLedger(new LedgerTable(new TableServiceClient(azurite.ConnectionString), _taskHub), TimeProvider.System);
        Assert.True((await ledger.ClaimToStartAsync(deliveryId, push, CancellationToken.None)).IsClaimed);
        var instanceId = Pipeline.Domain.PipelineInstanceIds.ForPush(push.Commit);

        // The restarted process: its pump finds the recorded push and starts the pipeline, then completes the claim.
        await using var app = App().OnStandaloneEngine();
        var http = app.CreateClient();
        await app.PushesStartedAsync();

        var done = await CompletedAsync(app.Client, instanceId);
        Assert.Equal("ReleaseOrchestrator", done.Name);
        Assert.Equal(GitHubDeliveries.Sha, done.ReadInputAs<PushEvent>()!.Sha);
        Assert.Equal(ReleaseStatus.Ignored, done.ReadOutputAs<ReleaseOutcome>()!.Status);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await ledger.ClaimAsync(deliveryId, CancellationToken.None)).Outcome);
        var copy = await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(), deliveryId));
        Assert.Equal("duplicate", (await copy.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Single(await app.InstancesAsync(), i => i.InstanceId == instanceId);
    }

    [Fact]
    public async Task An_approval_nonce_is_spent_once_across_instances()
    {
        var a = new TableNonceLedger(new LedgerTable(new TableServiceClient(azurite.ConnectionString), _taskHub));
        var b = new TableNonceLedger(new LedgerTable(new TableServiceClient(azurite.ConnectionString), _taskHub));
        var expires = DateTimeOffset.UtcNow.AddHours(1);

        var results = await Task.WhenAll(a.TryConsumeAsync("nonce-1/with?odd#chars", expires, CancellationToken.None), b.TryConsumeAsync("nonce-1/with?odd#chars", expires, CancellationToken.None));

        Assert.Equal(1, results.Count(r => r));
        Assert.False(await a.TryConsumeAsync("nonce-1/with?odd#chars", expires, CancellationToken.None));
        Assert.True(await b.TryConsumeAsync("nonce-2", expires, CancellationToken.None));
    }
}
