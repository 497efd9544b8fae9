using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.Conformance;

namespace Soakline.Durable.AzureStorage.Tests.Conformance;

/// <summary>
/// Runs the shared semantic suite on the Azure Storage backend: each host gets its own task hub on the shared
/// Azurite, and durable time is real time (timers are whole seconds on Azure queues).
/// </summary>
public sealed class AzureStorageBackendFixture(AzuriteFixture azurite) : IDurableBackendFixture
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(45);

    public async Task<IConformanceHost> StartAsync(Action<DurableTaskRegistry> configure)
    {
        var ranLog = Path.GetTempFileName();
        var host = await WorkerHost.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTaskHubName(), ranLog, tasks: configure);
        return new AzureConformanceHost(host, ranLog);
    }

    private sealed class AzureConformanceHost(WorkerHost host, string ranLog) : IConformanceHost
    {
        public DurableTaskClient Client => host.Client;

        public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string description)
        {
            var deadline = DateTime.UtcNow + WaitLimit;
            while (true)
            {
                var metadata = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                if (metadata is not null && condition(metadata))
                {
                    return metadata;
                }

                if (DateTime.UtcNow > deadline || metadata is { IsCompleted: true })
                {
                    throw new Xunit.Sdk.XunitException($"Instance '{instanceId}' did not {description} within {WaitLimit}: "
                        + $"{metadata?.RuntimeStatus.ToString() ?? "missing"}, custom status {metadata?.SerializedCustomStatus ?? "none"}, failure {metadata?.FailureDetails}.");
                }

                await Task.Delay(25);
            }
        }

        public Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            File.Delete(ranLog);
        }
    }
}
