namespace Soakline.Functions.Webhooks;

/// <summary>
/// Counts the webhook requests being answered right now, so background work can give way to them: standalone, the
/// <see cref="ReleaseStartPump"/> holds its pipeline starts (five storage round trips each, plus the pipeline that then
/// runs) while GitHub waits for answers, on the same cores and the same storage.
/// </summary>
internal sealed class WebhookAnswersInFlight
{
    private readonly Lock _gate = new();
    private int _count;
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

    private void Leave()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
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
