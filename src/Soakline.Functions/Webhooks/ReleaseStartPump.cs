using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Observability;
using Soakline.Functions.Releases;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Starts the release pipelines of pushes the webhook accepted. The webhook answers 202 "accepted" once the push is
/// recorded in its delivery's claim (<see cref="IDeliveryLedger.ClaimToStartAsync"/>, one storage write) and hands it
/// here; this pump starts the pipeline (at most once per commit: the instance id is the commit's) and then completes
/// the claim. Nothing accepted is lost to a crash: at start-up the pump takes every recorded push whose claim is not
/// completed, and every <see cref="RescanInterval"/> it takes those left by another process longer than
/// <see cref="DeliveryClaim.Timeout"/> (an instance that died and never came back). A start that fails for a transient
/// reason (storage, the engine) is retried with a growing pause until it succeeds or the process stops, the record
/// staying until then; one that can never succeed (the engine refuses the push itself) is set aside at once, logged as
/// an error and counted (<see cref="IDeliveryLedger.SetAsideAsync"/>). Until the webhook has been quiet for
/// <see cref="WebhookAnswersInFlight.QuietPeriod"/> the pump gives way to its answers (at most <see cref="MaxGiveWay"/>
/// per start, one start at a time): a flood of pushes is answered first and its pipelines start a moment later, none
/// lost.
/// </summary>
/// <remarks>
/// Standalone only: under Azure Functions the durable client exists only inside a function invocation, so the webhook
/// there still starts the pipeline before it answers (docs/integrations.md).
/// </remarks>
internal sealed class ReleaseStartPump(IServiceScopeFactory scopes, IDeliveryLedger ledger, WebhookAnswersInFlight answers, TimeProvider clock, ILogger<ReleaseStartPump> logger) : BackgroundService
{
    /// <summary>How often the ledger is searched for pushes another process recorded and did not start.</summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between two attempts to start one pipeline.</summary>
    public static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a start waits for the webhook to go quiet. Under a steady flood there is always an answer in flight
    /// or one just ended; then one pipeline starts per this period (the drains take turns to wait), and all the rest
    /// once the flood ends.
    /// </summary>
    public static readonly TimeSpan MaxGiveWay = TimeSpan.FromSeconds(1);

    // A start that keeps failing for a transient reason is logged on its first attempts, then on every this-many-th.
    private const int WarnedAttempts = 5;

    // Starts are storage round trips, not CPU: a few at once keep up with a flood of pushes without starving the
    // requests being answered.
    private const int Parallelism = 4;

    private readonly Channel<PendingPush> _queue = Channel.CreateUnbounded<PendingPush>(new UnboundedChannelOptions { SingleWriter = false });

    // While answers are in flight the drains give way one at a time: each start sets a pipeline going whose engine
    // work (history, queues, activities on the same storage) competes with the answers for seconds, so a flood sees
    // one new pipeline per MaxGiveWay, not one per drain (the latency program measured four drains' starts in its
    // push burst). Once the answers end, every drain starts at once again. Not disposed: a drain still finishing
    // after the host gave up waiting for it must be able to give its turn back (nothing here needs a wait handle).
    private readonly SemaphoreSlim _giveWayTurn = new(1, 1);

    /// <summary>Queues a push the webhook recorded under <paramref name="claim"/>; called once the record is durable.</summary>
    public void Accept(DeliveryClaim claim, PushReceived push)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(push);
        claim.EnsureClaimed();
        Enqueue(new PendingPush(claim, push, clock.GetUtcNow()));
    }

    private void Enqueue(PendingPush pending) => _queue.Writer.TryWrite(pending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var drains = Enumerable.Range(0, Parallelism).Select(_ => DrainAsync(stoppingToken)).ToList();
        try
        {
            await RescanAsync(_ => true, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RescanInterval, clock, stoppingToken);
                var cutoff = clock.GetUtcNow() - DeliveryClaim.Timeout;
                await RescanAsync(pending => pending.RecordedAt <= cutoff, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued stays recorded and is started by the next process.
        }

        _queue.Writer.TryComplete();
        await Task.WhenAll(drains);
    }

    private async Task RescanAsync(Func<PendingPush, bool> take, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var pending = (await ledger.PendingPushesAsync(stoppingToken)).Where(take).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("{Count} accepted push(es) recorded without a started pipeline: starting them", pending.Count);
                }

                pending.ForEach(Enqueue);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reading the accepted pushes from the delivery ledger failed (attempt {Attempt}); trying again", attempt);
                await Task.Delay(Pause(attempt), clock, stoppingToken);
            }
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await GiveWayToAnswersAsync(stoppingToken);
                await StartAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-start: the claim is not completed, so the push is started again after the restart.
        }
    }

    /// <summary>
    /// Waits until the webhook has been quiet for <see cref="WebhookAnswersInFlight.QuietPeriod"/> (no answer in flight
    /// and none just ended), or, once it is this drain's turn to give way, <see cref="MaxGiveWay"/> at most: a start's
    /// storage round trips and the pipeline it sets going would otherwise compete with the answers GitHub is waiting
    /// for, including those of deliveries that follow each other a millisecond apart.
    /// </summary>
    private async Task GiveWayToAnswersAsync(CancellationToken stoppingToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var quiet = answers.WhenQuietAsync(giveUp.Token);
        if (quiet.IsCompletedSuccessfully)
        {
            return;
        }

        var turn = _giveWayTurn.WaitAsync(giveUp.Token);
        if (await Task.WhenAny(quiet, turn) != turn)
        {
            // The webhook went quiet before this drain's turn came: nothing left to give way to.
            await giveUp.CancelAsync();
            if (await TookAsync(turn))
            {
                _giveWayTurn.Release();
            }

            stoppingToken.ThrowIfCancellationRequested();
            return;
        }

        await turn;
        try
        {
            await Task.WhenAny(quiet, Task.Delay(MaxGiveWay, clock, giveUp.Token));
        }
        finally
        {
            _giveWayTurn.Release();
        }

        await giveUp.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Whether a turn waited for and then given up was taken all the same (it must then be given back).</summary>
    private static async Task<bool> TookAsync(Task turn)
    {
        try
        {
            await turn;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task StartAsync(PendingPush pending, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IReleaseStarter>().StartAsync(pending.Push, stoppingToken);

                // Started, or found started before (a redelivery, or another process's pump): either way handled.
                await ledger.CompleteAsync(pending.Claim, stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && CanNeverSucceed(ex))
            {
                // Retrying would fail the same way forever: set the push aside once, visibly, instead.
                logger.LogError(ex, "The release pipeline of accepted push {Commit} (delivery {DeliveryId}) cannot be started: {Reason}. The push is set aside in the delivery ledger; redeliver it from GitHub once the cause is fixed",
                    pending.Push.Commit, pending.Claim.DeliveryId, ex.Message);
                await ledger.SetAsideAsync(pending.Claim, $"{ex.GetType().Name}: {ex.Message}", stoppingToken);
                SoaklineTelemetry.PushesSetAside.Add(1);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or the engine unavailable: worth retrying until it is back, but one warning per try would
                // fill the log during an outage.
                if (attempt <= WarnedAttempts || attempt % WarnedAttempts == 0)
                {
                    logger.LogWarning(ex, "Starting the release pipeline of accepted push {Commit} (delivery {DeliveryId}) failed (attempt {Attempt}); trying again",
                        pending.Push.Commit, pending.Claim.DeliveryId, attempt);
                }

                await Task.Delay(Pause(attempt), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Failures that come from the push itself, not from storage or the engine being away: an argument the engine
    /// refuses (an instance id it cannot hold, a missing branch) or an input it cannot serialize.
    /// </summary>
    private static bool CanNeverSucceed(Exception ex) => ex is ArgumentException or System.Text.Json.JsonException or NotSupportedException or FormatException;

    private static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(MaxRetryPause.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt, 10))));
}
