namespace Soakline.Durable.AzureStorage.Messaging;

/// <summary>
/// A wake-up that any number of waiters share. Take <see cref="Current"/> before looking for work and wait on it
/// after finding none: a <see cref="Set"/> in between is then not lost.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _current).Task;

    public void Set() =>
        Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="signal"/> (from <see cref="Current"/>) or the timeout, whichever is first.</summary>
    public static async Task WaitAsync(Task signal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Nobody woke us: time to look again anyway.
        }
    }
}
