using System.Net;
using System.Net.Http.Json;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// The webhook claims a delivery before routing it: a concurrent copy is a duplicate, a failed routing frees the
/// delivery for GitHub's redelivery, and a claim left by a dead process stops blocking after the claim timeout. These run
/// the path that starts the pipeline before answering (Azure Functions'); the standalone pump's are in
/// <see cref="ReleaseStartPumpTests"/>.
/// </summary>
public sealed class WebhookClaimTests : IAsyncDisposable
{
    private readonly ScriptedStarterApp _app = new(startBeforeAnswering: true);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<WebhookReply> ReplyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<WebhookReply>())!;

    [Fact]
    public async Task A_copy_arriving_while_the_first_is_routed_is_a_duplicate_being_handled_and_nothing_starts_twice()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var routing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.Starter.Then(async _ =>
        {
            routing.SetResult();
            await proceed.Task;
        });

        var first = _app.PushAsync(deliveryId);
        await routing.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var copy = await _app.PushAsync(deliveryId);
        proceed.SetResult();

        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        var copyReply = await ReplyAsync(copy);
        Assert.Equal("duplicate", copyReply.Status);
        Assert.Contains("being handled", copyReply.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await first).StatusCode);
        var later = await _app.PushAsync(deliveryId);
        Assert.Equal(new WebhookReply("duplicate", $"delivery {deliveryId} was handled before"), await ReplyAsync(later));
        Assert.Equal(1, _app.Starter.Started);
    }

    [Fact]
    public async Task A_payload_error_releases_the_claim_and_the_corrected_delivery_is_accepted()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var broken = GitHubDeliveries.Push().Replace($"\"after\":\"{GitHubDeliveries.Sha}\",", string.Empty, StringComparison.Ordinal);

        var rejected = await _app.Http.SendAsync(GitHubDeliveries.Request("push", broken, deliveryId));

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.False(await _app.Ledger.HasSeenAsync(deliveryId, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Accepted, (await _app.PushAsync(deliveryId)).StatusCode);
        Assert.True(await _app.Ledger.HasSeenAsync(deliveryId, CancellationToken.None));
        Assert.Equal(1, _app.Starter.Started);
    }

    [Fact]
    public async Task A_router_that_throws_fails_the_request_releases_the_claim_and_the_redelivery_is_accepted()
    {
        var deliveryId = Guid.NewGuid().ToString();
        _app.Starter.Then(_ => throw new InvalidOperationException("the engine is unavailable"));

        var failure = await _app.PushAsync(deliveryId);

        // A 500 problem that says nothing of the exception; the log has it.
        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.DoesNotContain("the engine is unavailable", (await Problems.ReadAsync(failure)).Detail, StringComparison.Ordinal);
        Assert.False(await _app.Ledger.HasSeenAsync(deliveryId, CancellationToken.None));
        var redelivery = await _app.PushAsync(deliveryId);
        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Equal("started", (await ReplyAsync(redelivery)).Status);
        Assert.Equal(1, _app.Starter.Started);
    }

    [Fact]
    public async Task A_claim_left_by_a_dead_process_blocks_until_the_timeout_then_the_redelivery_takes_it_over()
    {
        var deliveryId = Guid.NewGuid().ToString();
        Assert.True((await _app.Ledger.ClaimAsync(deliveryId, CancellationToken.None)).IsClaimed);

        var early = await _app.PushAsync(deliveryId);
        Assert.Equal("duplicate", (await ReplyAsync(early)).Status);
        Assert.Equal(0, _app.Starter.Started);

        _app.Clock.Advance(DeliveryClaim.Timeout);
        var redelivery = await _app.PushAsync(deliveryId);

        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Equal(1, _app.Starter.Started);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await _app.Ledger.ClaimAsync(deliveryId, CancellationToken.None)).Outcome);
    }
}
