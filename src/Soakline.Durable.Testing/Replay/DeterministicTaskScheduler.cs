namespace Soakline.Durable.Testing.Replay;

/// <summary>
/// Runs orchestrator code on one logical thread, in a reproducible order. Every continuation of an <c>await</c> in
/// orchestrator code is queued here (await captures the current scheduler), and the executor drains the queue
/// synchronously after delivering each history event, so a replay runs the code in exactly the same order.
/// </summary>
internal sealed class DeterministicTaskScheduler : TaskScheduler
{
    [ThreadStatic]
    private static DeterministicTaskScheduler? s_draining;

    private readonly Queue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>True when called from orchestrator code that this scheduler is running right now.</summary>
    public bool IsCurrentThreadRunningOrchestratorCode => ReferenceEquals(s_draining, this);

    public Task<T> Start<T>(Func<Task<T>> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();

    /// <summary>Runs queued work until the orchestrator is blocked on something not yet in history.</summary>
    public void RunUntilIdle()
    {
        var previousScheduler = s_draining;
        var previousContext = SynchronizationContext.Current;
        s_draining = this;

        // A synchronization context would win over this scheduler when await captures where to continue.
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            s_draining = previousScheduler;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_ready)
        {
            _ready.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && IsCurrentThreadRunningOrchestratorCode && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_ready)
        {
            return [.. _ready];
        }
    }

    private bool TryDequeue(out Task task)
    {
        lock (_ready)
        {
            return _ready.TryDequeue(out task!);
        }
    }
}
