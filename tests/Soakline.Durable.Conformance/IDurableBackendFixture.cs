using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>
/// What a backend's test project supplies to run the shared semantic suite: a way to start a worker and client with
/// a given set of tasks. Each call gets an isolated host (its own task hub, or its own in-memory store).
/// </summary>
public interface IDurableBackendFixture
{
    Task<IConformanceHost> StartAsync(Action<DurableTaskRegistry> configure);

    /// <summary>What this host does where engines differ.</summary>
    HostConventions Conventions { get; }
}

/// <summary>A running worker and client, and a way to let durable time pass that suits the backend.</summary>
public interface IConformanceHost : IAsyncDisposable
{
    DurableTaskClient Client { get; }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the instance, letting durable time pass as needed: a fake
    /// clock is advanced from timer to timer whenever the engine is idle; real time simply elapses. Fails with the
    /// instance's state when the condition cannot or does not become true.
    /// </summary>
    Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string description);

    /// <summary>
    /// Returns once the backend's clock is past the instance's <see cref="OrchestrationMetadata.CreatedAt"/> (as the
    /// backend stores it), so an instance started afterwards is created strictly later: advances a fake clock, or
    /// watches the real one. A wait on the clock's state, not a fixed pause.
    /// </summary>
    Task LetClockPassCreationOfAsync(string instanceId);
}
