using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>Several standalone processes on one task hub share the work through the provider's partition leases.</summary>
[Collection(EngineCollection.Name)]
public sealed class TwoProcessTests(EngineFixture fixture)
{
    private const int Partitions = 4;

    [Fact]
    public async Task Two_worker_processes_split_the_partitions_and_both_run_activities()
    {
        var hub = EngineFixture.NewTaskHubName();
        var connection = fixture.Azurite.ConnectionString;
        await using var a = WorkerProcess.Start(connection, hub, "proc-a");
        await using var b = WorkerProcess.Start(connection, hub, "proc-b");

        var owners = await Eventually.MatchAsync(
            () => PartitionOwnersAsync(connection, hub),
            o => o.Count == Partitions && o.Values.Distinct().Count() == 2,
            $"both processes to own partitions (a: {a.Output}; b: {b.Output})");

        // Every process on a hub must use the hub's partition count: it picks an instance's control queue.
        await using var client = await EngineHost.StartClientOnlyAsync(connection, hub, o => o.PartitionCount = Partitions);
        var ids = new List<string>();
        foreach (var i in Enumerable.Range(0, 4))
        {
            ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync("ShareProbe", 10));
        }

        var ranOn = new List<string>();
        foreach (var id in ids)
        {
            var done = await client.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            ranOn.AddRange(done.ReadOutputAs<string[]>()!);
        }

        Assert.Equal(["proc-a", "proc-b"], owners.Values.Distinct().Order());
        Assert.Equal(40, ranOn.Count);
        Assert.Contains("proc-a", ranOn);
        Assert.Contains("proc-b", ranOn);
    }

    /// <summary>Partition id to current owner, from the provider's {hub}Partitions table (unowned partitions left out).</summary>
    private static async Task<Dictionary<string, string>> PartitionOwnersAsync(string connection, string hub)
    {
        var owners = new Dictionary<string, string>();
        var table = new TableClient(connection, $"{hub}Partitions");
        try
        {
            await foreach (var lease in table.QueryAsync<TableEntity>())
            {
                if (lease.GetString("CurrentOwner") is { Length: > 0 } owner)
                {
                    owners[lease.RowKey] = owner;
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The first worker has not created the hub yet.
        }

        return owners;
    }
}
