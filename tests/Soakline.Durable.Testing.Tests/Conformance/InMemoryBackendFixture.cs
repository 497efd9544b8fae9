using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Conformance;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Conformance;

/// <summary>Runs the shared semantic suite on the in-memory backend with a fake clock: timers cost no wall time.</summary>
public sealed class InMemoryBackendFixture : IDurableBackendFixture
{
    /// <summary>The replay executor's own errors, with the orchestrator and the diverging step named.</summary>
    public HostConventions Conventions { get; } = new()
    {
        NonDeterminismErrorType = typeof(Replay.NonDeterministicOrchestrationException).FullName!,
        NonDeterminismMessageParts = orchestrator => [$"Non-deterministic orchestrator '{orchestrator}'", "history event TaskScheduled #", "CallActivity #"],
        NonDurableAwaitErrorType = typeof(Replay.NonDurableAwaitException).FullName!,
        NamesTheTaskInInputErrors = true,
        KeepsEventOrderAcrossContinueAsNew = true,
        TimerEarliness = TimeSpan.Zero,
    };

    public async Task<IConformanceHost> StartAsync(Action<DurableTaskRegistry> configure)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var host = await DurableTaskTestHost.StartAsync(configure, new DurableTaskTestHostOptions { TimeProvider = clock });
        return new InMemoryConformanceHost(host, clock);
    }

    private sealed class InMemoryConformanceHost(DurableTaskTestHost host, FakeTimeProvider clock) : IConformanceHost
    {
        public DurableTaskClient Client => host.Client;

        public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string description)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                await host.WaitForIdleAsync(guard.Token);
                var metadata = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, guard.Token);
                if (metadata is not null && condition(metadata))
                {
                    return metadata;
                }

                if (host.Backend.NextDueAt is not { } due)
                {
                    throw new Xunit.Sdk.XunitException($"Instance '{instanceId}' did not {description}; it is idle with no timer pending: "
                        + $"{metadata?.RuntimeStatus.ToString() ?? "missing"}, custom status {metadata?.SerializedCustomStatus ?? "none"}, failure {metadata?.FailureDetails}.");
                }

                clock.SetUtcNow(due > clock.GetUtcNow() ? due : clock.GetUtcNow());
            }
        }

        public async Task LetClockPassCreationOfAsync(string instanceId)
        {
            var createdAt = (await host.Client.GetInstanceAsync(instanceId))?.CreatedAt
                ?? throw new Xunit.Sdk.XunitException($"Instance '{instanceId}' does not exist.");
            if (clock.GetUtcNow() <= createdAt)
            {
                clock.SetUtcNow(createdAt + TimeSpan.FromMilliseconds(1));
            }
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
