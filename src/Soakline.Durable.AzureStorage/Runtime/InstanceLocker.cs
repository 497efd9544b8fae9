using Soakline.Durable.AzureStorage.Table;

namespace Soakline.Durable.AzureStorage.Runtime;

/// <summary>
/// Takes the per-instance lock that Azure queues cannot give: a lock column on the instance row written with an
/// ETag-conditional merge. The lock saves wasted steps when several workers hold messages for one instance;
/// correctness does not rest on it, since every commit is ETag-guarded anyway. A lock whose owner died lapses after
/// <see cref="AzureStorageOptions.InstanceLockDuration"/>.
/// </summary>
internal sealed class InstanceLocker
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(200);

    private readonly InstanceStore _store;
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _timeProvider;

    public InstanceLocker(InstanceStore store, AzureStorageOptions options, TimeProvider timeProvider, string workerId)
    {
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
        WorkerId = workerId;
    }

    /// <summary>The lock owner written by this process; its own lock (left by a failed commit) it may take again.</summary>
    public string WorkerId { get; }

    /// <summary>
    /// Reads the instance and locks it, waiting while another worker holds it. Returns null when it is still held
    /// after a whole lock duration (its holder keeps renewing it); the caller retries later.
    /// </summary>
    public async Task<LockedInstance?> LockAsync(string instanceId, CancellationToken cancellationToken)
    {
        var giveUpAt = _timeProvider.GetUtcNow() + _options.InstanceLockDuration + TimeSpan.FromSeconds(1);
        var retry = FirstRetry;
        while (true)
        {
            var stored = await _store.ReadAsync(instanceId, cancellationToken);
            if (stored is null)
            {
                return new LockedInstance(instanceId, null, null);
            }

            var now = _timeProvider.GetUtcNow();
            var heldByOther = stored.Lock is { } held && held.ExpiresAt > now && !string.Equals(held.Owner, WorkerId, StringComparison.Ordinal);
            if (!heldByOther && await _store.TryLockAsync(stored, new InstanceLock(WorkerId, now + _options.InstanceLockDuration), cancellationToken) is { } etag)
            {
                return new LockedInstance(instanceId, stored, etag);
            }

            if (heldByOther)
            {
                if (now >= giveUpAt)
                {
                    return null;
                }

                await Task.Delay(retry, _timeProvider, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }

            // Otherwise the row changed between read and lock: read it again at once.
        }
    }

    /// <summary>Gives the lock up without a commit (the step failed), so others need not wait for it to lapse.</summary>
    public Task ReleaseAsync(LockedInstance locked) =>
        locked.LockETag is { } etag ? _store.ReleaseLockAsync(locked.InstanceId, etag, CancellationToken.None) : Task.CompletedTask;
}
