using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// Standalone, the webhook answers a push 202 "accepted" once the push is recorded in its delivery's claim, and the
/// <see cref="ReleaseStartPump"/> starts the pipeline: a start that fails is retried and the record stays until the
/// pipeline exists. (A record left by a dead process is started after the restart: AzuriteAppTests.)
/// </summary>
public sealed class ReleaseStartPumpTests : IAsyncDisposable
{
    private readonly ScriptedStarterApp _app = new(startBeforeAnswering: false);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_accepted_push_whose_start_fails_stays_recorded_and_is_started_by_a_retry()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.Starter.Then(_ =>
        {
            failed.TrySetResult();
            throw new InvalidOperationException("the engine is unavailable");
        });

        var response = await _app.PushAsync(deliveryId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", (await response.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pending = Assert.Single(await _app.Ledger.PendingPushesAsync(CancellationToken.None));
        Assert.Equal((deliveryId, GitHubDeliveries.Sha), (pending.Claim.DeliveryId, pending.Push.Sha));
        Assert.Equal(0, _app.Starter.Started);
        Assert.Equal(DeliveryClaimOutcome.InProgress, (await _app.Ledger.ClaimAsync(deliveryId, CancellationToken.None)).Outcome);

        // The retry waits on the app's clock (fake here): move it on until the pump has tried again.
        await AdvanceClockUntilStartedAsync(ReleaseStartPump.MaxRetryPause);
        Assert.Equal(1, _app.Starter.Started);
        Assert.Empty(await _app.Ledger.PendingPushesAsync(CancellationToken.None));
        Assert.Equal(DeliveryClaimOutcome.Handled, (await _app.Ledger.ClaimAsync(deliveryId, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_copy_of_an_accepted_push_is_a_duplicate_that_never_reaches_the_pump()
    {
        var deliveryId = Guid.NewGuid().ToString();

        var first = await _app.PushAsync(deliveryId);
        var copy = await _app.PushAsync(deliveryId);
        await _app.PushesStartedAsync();
        var redelivery = await _app.PushAsync();
        await _app.PushesStartedAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal("duplicate", (await copy.Content.ReadFromJsonAsync<WebhookReply>())!.Status);
        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);

        // The copy (same delivery id) never reached the starter; the redelivery (a new id) did, and the real starter
        // finds the pipeline there (WebhookTests.A_redelivered_push_finds_the_existing_pipeline_and_starts_nothing).
        Assert.Equal(2, _app.Starter.Started);
    }

    [Fact]
    public async Task An_accepted_push_the_engine_refuses_is_set_aside_once_and_a_redelivery_after_the_fix_starts_it()
    {
        var deliveryId = Guid.NewGuid().ToString();
        var refused = 0;
        _app.Starter.Then(_ =>
        {
            Interlocked.Increment(ref refused);
            throw new ArgumentException("the instance id cannot be stored", "instanceId");
        });

        var response = await _app.PushAsync(deliveryId);
        await _app.PushesStartedAsync();

        // Set aside at the first refusal: not retried, no longer pending, the reason kept in the ledger.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1, 0), (Volatile.Read(ref refused), _app.Starter.Started));
        Assert.Empty(await _app.Ledger.PendingPushesAsync(CancellationToken.None));
        Assert.Equal("ArgumentException: the instance id cannot be stored (Parameter 'instanceId')", ((InMemoryDeliveryLedger)_app.Ledger).SetAsideReason(deliveryId));

        var redelivery = await _app.PushAsync(deliveryId);
        await _app.PushesStartedAsync();

        Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
        Assert.Equal(1, _app.Starter.Started);
        Assert.Equal(DeliveryClaimOutcome.Handled, (await _app.Ledger.ClaimAsync(deliveryId, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task While_a_webhook_answer_stays_in_flight_a_start_waits_no_longer_than_the_give_way_limit_on_the_app_clock()
    {
        var answers = _app.Services.GetRequiredService<WebhookAnswersInFlight>();
        using (answers.Enter())
        {
            var response = await _app.PushAsync();
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(1, answers.Count);

            await AdvanceClockUntilStartedAsync(ReleaseStartPump.MaxGiveWay);
            Assert.Equal(1, _app.Starter.Started);
        }

        Assert.Equal(0, answers.Count);
    }

    [Fact]
    public async Task While_a_webhook_answer_stays_in_flight_the_drains_take_turns_so_pipelines_start_one_per_give_way_limit()
    {
        // Each start notes the app's clock; the clock only moves when this test moves it.
        var startedAt = new ConcurrentQueue<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            _app.Starter.Then(_ =>
            {
                startedAt.Enqueue(_app.Clock.GetUtcNow());
                return Task.CompletedTask;
            });
        }

        var answers = _app.Services.GetRequiredService<WebhookAnswersInFlight>();
        using (answers.Enter())
        {
            var acceptedAt = _app.Clock.GetUtcNow();
            foreach (var response in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _app.PushAsync())))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            // Small steps, so a start happens close to its drain's limit: with every drain waiting out its own limit at
            // once (four drains), all three would start about one limit after the pushes were accepted.
            await Eventually.MatchAsync(
                () =>
                {
                    _app.Clock.Advance(ReleaseStartPump.MaxGiveWay / 4);
                    return Task.FromResult(_app.Starter.Started);
                },
                started => started == 3,
                "the pump to start the three pipelines");

            var waits = startedAt.Select(at => at - acceptedAt).Order().ToList();
            Assert.Equal(3, waits.Count);
            for (var i = 0; i < waits.Count; i++)
            {
                Assert.True(waits[i] >= ReleaseStartPump.MaxGiveWay * (i + 1), $"start {i + 1} came {waits[i]} after the pushes, before {i + 1} give-way limits ({string.Join(", ", waits)})");
            }
        }
    }

    [Fact]
    public async Task A_pushs_pipeline_starts_only_once_the_webhook_has_been_quiet_for_the_quiet_period()
    {
        await using var app = new ScriptedStarterApp(startBeforeAnswering: false, quietPeriodOnAppClock: true);
        var startedAt = new ConcurrentQueue<DateTimeOffset>();
        app.Starter.Then(_ =>
        {
            startedAt.Enqueue(app.Clock.GetUtcNow());
            return Task.CompletedTask;
        });

        var response = await app.PushAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answeredAt = app.Clock.GetUtcNow();

        // The clock moves in tenths of the period: a start slipped in right after the answer would be seen at once.
        await Eventually.MatchAsync(
            () =>
            {
                app.Clock.Advance(WebhookAnswersInFlight.QuietPeriod / 10);
                return Task.FromResult(app.Starter.Started);
            },
            started => started == 1,
            "the pump to start the pipeline");

        var started = Assert.Single(startedAt);
        Assert.True(started >= answeredAt + WebhookAnswersInFlight.QuietPeriod, $"started {started - answeredAt} after the answer, within the quiet period {WebhookAnswersInFlight.QuietPeriod}");
    }

    /// <summary>Moves the app's (fake) clock on by <paramref name="step"/> until the pump has started a pipeline and no push is pending.</summary>
    private async Task AdvanceClockUntilStartedAsync(TimeSpan step)
    {
        await Eventually.MatchAsync(
            () =>
            {
                _app.Clock.Advance(step);
                return Task.FromResult(_app.Starter.Started);
            },
            started => started > 0,
            "the pump to start the pipeline");

        await _app.PushesStartedAsync();
    }
}
