using System.Collections.Concurrent;
using Soakline.Functions.Releases;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// A release starter the test steers: each start runs the next scripted step (fail, or wait for the test), and with
/// none left it starts the push's pipeline, counting every start that got through.
/// </summary>
public sealed class ScriptedReleaseStarter : IReleaseStarter
{
    private readonly ConcurrentQueue<Func<PushReceived, Task>> _steps = new();
    private int _started;

    public int Started => Volatile.Read(ref _started);

    public ScriptedReleaseStarter Then(Func<PushReceived, Task> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public async Task<ReleaseStart> StartAsync(PushReceived push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (_steps.TryDequeue(out var step))
        {
            await step(push);
        }

        Interlocked.Increment(ref _started);
        return new ReleaseStart(PipelineInstanceIds.ForPush(push.Commit), true);
    }
}
