using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Releases;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Starts the release pipelines of pushes the webhook accepted. The webhook answers 202 "accepted" once the push is
/// recorded in its delivery's claim (<see cref="IDeliveryLedger.ClaimToStartAsync"/>, one storage write) and hands it
/// here; this pump starts the pipeline (at most once per commit: the instance id is the commit's) and then completes
/// the claim. Nothing accepted is lost to a crash: at start-up the pump takes every recorded push whose claim is not
/// completed, and every <see cref="RescanInterval"/> it takes those left by another process longer than
/// <see cref="DeliveryClaim.Timeout"/> (an instance that died and never came back). A start that fails is retried with
/// a growing pause until it succeeds or the process stops; the record stays until then.
/// </summary>
/// <remarks>
/// Standalone only: under Azure Functions the durable client exists only inside a function invocation, so the webhook
/// there still starts the pipeline before it answers (docs/integrations.md).
/// </remarks>
internal sealed class ReleaseStartPump(IServiceScopeFactory scopes, IDeliveryLedger ledger, TimeProvider clock, ILogger<ReleaseStartPump> logger) : BackgroundService
{
    /// <summary>How often the ledger is searched for pushes another process recorded and did not start.</summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between two attempts to start one pipeline.</summary>
    public static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);

    // Starts are storage round trips, not CPU: a few at once keep up with a flood of pushes without starving the
    // requests being answered.
    private const int Parallelism = 4;

    private readonly Channel<PendingPush> _queue = Channel.CreateUnbounded<PendingPush>(new UnboundedChannelOptions { SingleWriter = false });

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
                await StartAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-start: the claim is not completed, so the push is started again after the restart.
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
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Starting the release pipeline of accepted push {Commit} (delivery {DeliveryId}) failed (attempt {Attempt}); trying again",
                    pending.Push.Commit, pending.Claim.DeliveryId, attempt);
                await Task.Delay(Pause(attempt), clock, stoppingToken);
            }
        }
    }

    private static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(MaxRetryPause.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt, 10))));
}
