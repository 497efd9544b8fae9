using Microsoft.DurableTask;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>Fails <see cref="FlakyRequest.Failures"/> times for a key, then returns the attempt number.</summary>
public sealed class FlakyActivity(AttemptCounter attempts) : TaskActivity<FlakyRequest, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, FlakyRequest input)
    {
        var attempt = attempts.Next(input.Key);
        return attempt <= input.Failures
            ? throw new InvalidOperationException($"attempt {attempt} of {input.Key} failed")
            : Task.FromResult(attempt);
    }
}

/// <summary>Waits until the test opens the gate named by the input.</summary>
public sealed class GateActivity(Gates gates) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await gates.WaitAsync(input);
        return input;
    }
}

/// <summary>Returns the id of the scoped probe it was given.</summary>
public sealed class ScopedActivity(ScopedProbe probe) : TaskActivity<object?, Guid>
{
    public override Task<Guid> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(probe.Id);
}

/// <summary>Returns the worker id of the host it runs in.</summary>
public sealed class WorkerNameActivity(WorkerIdentity identity) : TaskActivity<object?, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(identity.Id);
}

/// <summary>A service an orchestrator cannot be given.</summary>
public interface IUnregisteredService;

/// <summary>
/// An orchestrator the SDK's registry cannot construct: it builds orchestrator types with Activator.CreateInstance
/// (activities get DI, orchestrators do not), so a constructor parameter makes every creation throw.
/// </summary>
public sealed class NeedsUnregisteredService(IUnregisteredService service) : TaskOrchestrator<object?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(service.ToString()!);
}
