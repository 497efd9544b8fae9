using Soakline.Durable.Runtime;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// Lock, decide, commit, and on an ETag conflict start over from a fresh read: the loop every single-message path
/// (the queue-trigger handler, poison handling) uses. The pollers run the same pieces through the worker loop.
/// </summary>
internal sealed class InstanceStepRunner
{
    private readonly InstanceLocker _locker;
    private readonly StepCommitter _committer;

    public InstanceStepRunner(InstanceLocker locker, StepCommitter committer)
    {
        _locker = locker;
        _committer = committer;
    }

    /// <param name="instanceId">The instance to advance.</param>
    /// <param name="decide">Computes the step from the current state; null means nothing to do.</param>
    /// <param name="cancellationToken">Stops waiting for the lock; a commit once started is finished.</param>
    public async Task RunAsync(string instanceId, Func<OrchestrationInstanceState?, OrchestrationStepResult?> decide, CancellationToken cancellationToken)
    {
        while (true)
        {
            var locked = await _locker.LockAsync(instanceId, cancellationToken)
                ?? throw new TimeoutException($"Instance '{instanceId}' stayed locked by another worker; the message will be retried.");
            OrchestrationStepResult? result;
            try
            {
                result = decide(locked.State);
            }
            catch
            {
                await _locker.ReleaseAsync(locked);
                throw;
            }

            if (result is null)
            {
                await _locker.ReleaseAsync(locked);
                return;
            }

            if (await _committer.CommitAsync(locked, result, CancellationToken.None))
            {
                return;
            }
        }
    }
}
