namespace Soakline.Functions.Webhooks;

/// <summary>
/// Counts the webhook requests being answered right now, so background work can give way to them: standalone, the
/// <see cref="ReleaseStartPump"/> holds its pipeline starts (five storage round trips each, plus the pipeline that then
/// runs) while GitHub waits for answers, on the same cores and the same storage.
/// </summary>
/// <param name="clock">
/// Measures <see cref="QuietPeriod"/>. The app registers the system clock on purpose: the quiet period is about the
/// cores and storage the answers share with the starts right now, not about release time, so a test that holds the
/// app's release clock still must not have to move it for a pipeline to start.
/// </param>
internal sealed class WebhookAnswersInFlight(TimeProvider clock)
{
    /// <summary>
    /// How long the webhook must have had no answer in flight before <see cref="WhenQuietAsync"/> completes. Requests
    /// that follow each other closely (a redelivery burst, a load test at concurrency 1) leave gaps of a millisecond
    /// between answers; a start slipped into such a gap sets a pipeline going whose storage work then delays the answers
    /// after it. GitHub's own deliveries are rarely this close, so a start usually waits this long and no longer.
    /// </summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private int _count;
    private long _entered;
    private long? _lastLeftAt;
    private TaskCompletionSource _idle = CompletedIdle();

    /// <summary>Answers in flight now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Marks one answer in flight until the returned handle is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            _entered++;
            if (_count++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Answer(this);
    }

    /// <summary>Completes when no answer is in flight (at once when none is).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>
    /// Completes once no answer has been in flight for <see cref="QuietPeriod"/>: at once when the webhook has been
    /// quiet that long already; otherwise after the last answer ends and no new one begins for that long.
    /// </summary>
    public async Task WhenQuietAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await WhenIdle().WaitAsync(cancellationToken).ConfigureAwait(false);
            long entered;
            TimeSpan quietFor;
            lock (_gate)
            {
                if (_count > 0)
                {
                    continue;
                }

                entered = _entered;
                quietFor = _lastLeftAt is { } leftAt ? clock.GetElapsedTime(leftAt) : QuietPeriod;
            }

            if (quietFor >= QuietPeriod)
            {
                return;
            }

            await Task.Delay(QuietPeriod - quietFor, clock, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                // Quiet the whole time: no answer began while this waited (one that began and ended counts too).
                if (_count == 0 && _entered == entered)
                {
                    return;
                }
            }
        }
    }

    private void Leave()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            _lastLeftAt = clock.GetTimestamp();
            if (--_count == 0)
            {
                idle = _idle;
            }
        }

        idle?.TrySetResult();
    }

    private static TaskCompletionSource CompletedIdle()
    {
        var idle = new TaskCompletionSource();
        idle.SetResult();
        return idle;
    }

    private sealed class Answer(WebhookAnswersInFlight owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave();
            }
        }
    }
}
