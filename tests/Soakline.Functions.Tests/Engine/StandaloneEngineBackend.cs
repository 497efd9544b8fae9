using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Conformance;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

namespace Soakline.Functions.Tests.Engine;

/// <summary>
/// Runs the shared semantic suite on the app's standalone engine (the Durable Task Framework's Azure Storage provider,
/// registered as the app registers it) over Azurite: each host gets its own task hub on the engine tests' Azurite, and
/// durable time is real time.
/// </summary>
public sealed class StandaloneEngineBackend(EngineFixture engine) : IDurableBackendFixture
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The Durable Task Framework's own replay errors; the client refuses unknown names and events for finished or
    /// missing instances (docs/engine.md); timers fire up to a second early (Azure queues hide messages in whole seconds).
    /// </summary>
    public HostConventions Conventions { get; } = new()
    {
        NonDeterminismErrorType = "DurableTask.Core.Exceptions.NonDeterministicOrchestrationException",
        NonDeterminismMessageParts = _ =>
        [
            "Non-Deterministic workflow detected",
            "A previous execution of this orchestration scheduled an activity task with sequence number",
            "but the current orchestration replay instead scheduled",
        ],
        NonDurableAwaitErrorType = null,
        RefusesUnknownOrchestratorsAtStart = true,
        RefusesEventsForFinishedInstances = true,
        KeepsEventOrderAcrossContinueAsNew = false,
        TimerEarliness = TimeSpan.FromSeconds(1),
    };

    public async Task<IConformanceHost> StartAsync(Action<DurableTaskRegistry> configure)
    {
        // One partition: a hub per test, so fewer queues to create, poll and hand back make each test cheaper.
        var host = await EngineHost.StartAsync(engine.Azurite.ConnectionString, EngineFixture.NewTaskHubName(), configure, tune: o => o.PartitionCount = 1);
        return new StandaloneConformanceHost(host);
    }

    private sealed class StandaloneConformanceHost(EngineHost host) : IConformanceHost
    {
        public DurableTaskClient Client => host.Client;

        public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string description)
        {
            // A completed instance never changes again: stop there rather than wait out the limit for nothing.
            var metadata = await Eventually.MatchAsync(
                () => host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
                m => m is not null && (condition(m) || m.IsCompleted),
                WaitLimit,
                $"instance '{instanceId}' to {description}",
                recheckInterval: TimeSpan.FromMilliseconds(50),
                describe: Describe);
            return condition(metadata!)
                ? metadata!
                : throw new Xunit.Sdk.XunitException($"Instance '{instanceId}' completed without having to {description}: {Describe(metadata)}.");
        }

        private static string Describe(OrchestrationMetadata? metadata) =>
            $"{metadata?.RuntimeStatus.ToString() ?? "missing"}, custom status {metadata?.SerializedCustomStatus ?? "none"}, failure {metadata?.FailureDetails}";

        public async Task LetClockPassCreationOfAsync(string instanceId)
        {
            var createdAt = (await host.Client.GetInstanceAsync(instanceId))?.CreatedAt
                ?? throw new Xunit.Sdk.XunitException($"Instance '{instanceId}' does not exist.");
            // The engine stamps CreatedAt from this machine's clock when the client schedules the instance; a whole
            // millisecond past it, the next instance's stamp stays later even if the store rounds to milliseconds.
            var passed = createdAt + TimeSpan.FromMilliseconds(1);
            await Eventually.MatchAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > passed, $"the clock to pass {passed:O}");
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
