using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// What every delivery ledger promises, run against each one. <see cref="Instance"/> gives another handle on the same
/// ledger (for the table: another app instance on the same table), so concurrent claims race the way copies of one
/// delivery arriving on several instances do.
/// </summary>
public abstract class DeliveryLedgerContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Another handle on the one ledger under test, reading <see cref="Clock"/>.</summary>
    protected abstract IDeliveryLedger Instance();

    private static string NewDeliveryId() => Guid.NewGuid().ToString();

    private async Task<DeliveryClaim[]> ClaimConcurrentlyAsync(string deliveryId, int copies)
    {
        var instances = Enumerable.Range(0, copies).Select(_ => Instance()).ToList();
        using var start = new ManualResetEventSlim();
        var claims = instances.Select(ledger => Task.Run(() =>
        {
            start.Wait();
            return ledger.ClaimAsync(deliveryId, None);
        })).ToList();
        start.Set();
        return await Task.WhenAll(claims);
    }

    [Fact]
    public async Task Of_concurrent_claims_of_one_delivery_exactly_one_is_claimed_and_the_others_are_in_progress()
    {
        var deliveryId = NewDeliveryId();

        var claims = await ClaimConcurrentlyAsync(deliveryId, 16);

        var winner = Assert.Single(claims, c => c.IsClaimed);
        Assert.NotNull(winner.Token);
        Assert.All(claims.Where(c => !c.IsClaimed), c => Assert.Equal(new DeliveryClaim(deliveryId, DeliveryClaimOutcome.InProgress), c));
        Assert.True(await Instance().HasSeenAsync(deliveryId, None));
    }

    [Fact]
    public async Task A_completed_delivery_is_handled_for_every_later_claim_long_after_the_claim_timeout()
    {
        var deliveryId = NewDeliveryId();
        var claim = await Instance().ClaimAsync(deliveryId, None);

        await Instance().CompleteAsync(claim, None);

        Assert.Equal(DeliveryClaimOutcome.Handled, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
        Clock.Advance(DeliveryClaim.Timeout * 10);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
        Assert.True(await Instance().HasSeenAsync(deliveryId, None));
    }

    [Theory]
    [InlineData("72d3162e-cc78-11e3-81ab-4c9367dc0958")]
    [InlineData("odd/id#with?key\\characters")]
    public async Task A_released_claim_leaves_no_trace_and_the_delivery_can_be_claimed_again(string deliveryId)
    {
        var first = await Instance().ClaimAsync(deliveryId + NewDeliveryId(), None);

        await Instance().ReleaseAsync(first, None);

        Assert.False(await Instance().HasSeenAsync(first.DeliveryId, None));
        var again = await Instance().ClaimAsync(first.DeliveryId, None);
        Assert.True(again.IsClaimed);
        Assert.NotEqual(first.Token, again.Token);
    }

    [Fact]
    public async Task A_fresh_claim_blocks_until_the_timeout_then_exactly_one_of_concurrent_takers_wins()
    {
        var deliveryId = NewDeliveryId();
        var abandoned = await Instance().ClaimAsync(deliveryId, None);
        Assert.True(abandoned.IsClaimed);

        Clock.Advance(DeliveryClaim.Timeout - TimeSpan.FromSeconds(1));
        Assert.Equal(DeliveryClaimOutcome.InProgress, (await Instance().ClaimAsync(deliveryId, None)).Outcome);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var takers = await ClaimConcurrentlyAsync(deliveryId, 8);

        var winner = Assert.Single(takers, c => c.IsClaimed);
        Assert.All(takers.Where(c => !c.IsClaimed), c => Assert.Equal(DeliveryClaimOutcome.InProgress, c.Outcome));
        await Instance().CompleteAsync(winner, None);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
    }

    [Fact]
    public async Task A_request_whose_stale_claim_was_taken_over_cannot_release_the_new_holders_claim()
    {
        var deliveryId = NewDeliveryId();
        var slow = await Instance().ClaimAsync(deliveryId, None);
        Clock.Advance(DeliveryClaim.Timeout);
        var taker = await Instance().ClaimAsync(deliveryId, None);
        Assert.True(taker.IsClaimed);

        await Instance().ReleaseAsync(slow, None);

        Assert.True(await Instance().HasSeenAsync(deliveryId, None));
        Assert.Equal(DeliveryClaimOutcome.InProgress, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
        await Instance().ReleaseAsync(taker, None);
        Assert.False(await Instance().HasSeenAsync(deliveryId, None));
    }

    [Fact]
    public async Task Only_a_claim_this_request_won_can_be_completed_or_released()
    {
        var deliveryId = NewDeliveryId();
        await Instance().ClaimAsync(deliveryId, None);
        var lost = await Instance().ClaimAsync(deliveryId, None);
        Assert.Equal(DeliveryClaimOutcome.InProgress, lost.Outcome);

        var complete = await Assert.ThrowsAsync<ArgumentException>(() => Instance().CompleteAsync(lost, None));
        await Assert.ThrowsAsync<ArgumentException>(() => Instance().ReleaseAsync(lost, None));

        Assert.Contains(deliveryId, complete.Message, StringComparison.Ordinal);
        Assert.True(await Instance().HasSeenAsync(deliveryId, None));
        Assert.Equal(DeliveryClaimOutcome.InProgress, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => Instance().ClaimAsync(string.Empty, None));
    }

    [Fact]
    public async Task A_push_claimed_to_start_is_pending_with_its_push_until_the_claim_is_completed()
    {
        // A delivery id with characters a table key cannot hold comes back as it was claimed.
        var deliveryId = "odd/" + NewDeliveryId() + "?#";
        var push = new PushReceived(new Pipeline.Domain.RepositoryRef("acme", "shop"), "feature/basket", new string('e', 40), Clock.GetUtcNow().AddHours(-1), "ada", "Fix the basket total\n\nwith \"quotes\" and ünïcode");

        var claim = await Instance().ClaimToStartAsync(deliveryId, push, None);
        var pending = Assert.Single(await Instance().PendingPushesAsync(None), p => p.Claim.DeliveryId == deliveryId);
        var copy = await Instance().ClaimAsync(deliveryId, None);
        await Instance().CompleteAsync(pending.Claim, None);

        Assert.True(claim.IsClaimed);
        Assert.Equal((push, claim.Token, Clock.GetUtcNow()), (pending.Push, pending.Claim.Token, pending.RecordedAt));
        Assert.Equal(DeliveryClaimOutcome.InProgress, copy.Outcome);
        Assert.DoesNotContain(await Instance().PendingPushesAsync(None), p => p.Claim.DeliveryId == deliveryId);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await Instance().ClaimAsync(deliveryId, None)).Outcome);
    }

    [Fact]
    public async Task A_plain_claim_is_never_a_pending_push()
    {
        var deliveryId = NewDeliveryId();

        await Instance().ClaimAsync(deliveryId, None);

        Assert.DoesNotContain(await Instance().PendingPushesAsync(None), p => p.Claim.DeliveryId == deliveryId);
    }

    [Fact]
    public async Task A_push_set_aside_is_no_longer_pending_and_a_redelivery_claims_it_anew()
    {
        var deliveryId = NewDeliveryId();
        var push = new PushReceived(new Pipeline.Domain.RepositoryRef("acme", "shop"), "main", new string('f', 40), Clock.GetUtcNow(), "ada", "Ship it");
        var claim = await Instance().ClaimToStartAsync(deliveryId, push, None);

        await Instance().SetAsideAsync(claim, "ArgumentException: the engine refuses the instance id", None);

        Assert.DoesNotContain(await Instance().PendingPushesAsync(None), p => p.Claim.DeliveryId == deliveryId);
        Assert.True(await Instance().HasSeenAsync(deliveryId, None));
        var redelivery = await Instance().ClaimToStartAsync(deliveryId, push, None);
        Assert.True(redelivery.IsClaimed);
        Assert.NotEqual(claim.Token, redelivery.Token);
        Assert.Single(await Instance().PendingPushesAsync(None), p => p.Claim.DeliveryId == deliveryId);

        // The first claim is no longer held, so it cannot set the redelivery's record aside.
        await Instance().SetAsideAsync(claim, "too late", None);
        Assert.Single(await Instance().PendingPushesAsync(None), p => p.Claim.Token == redelivery.Token);
    }
}
