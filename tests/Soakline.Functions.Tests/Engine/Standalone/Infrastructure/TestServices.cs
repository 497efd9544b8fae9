using System.Collections.Concurrent;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>Counts attempts per key, so a flaky activity can fail a given number of times and then succeed.</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public int Next(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Count(string key) => _attempts.GetValueOrDefault(key);
}

/// <summary>Gates an activity on the test: the activity waits until the test opens its key.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public void Open(string key) => Gate(key).TrySetResult();

    public Task WaitAsync(string key) => Gate(key).Task;

    private TaskCompletionSource Gate(string key) =>
        _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Which scoped probes were created and disposed, to see the activity scope's lifetime.</summary>
public sealed class ScopeLedger
{
    public ConcurrentBag<Guid> Disposed { get; } = [];
}

/// <summary>A scoped service: one per activity execution, disposed when the execution ends.</summary>
public sealed class ScopedProbe(ScopeLedger ledger) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => ledger.Disposed.Add(Id);
}
