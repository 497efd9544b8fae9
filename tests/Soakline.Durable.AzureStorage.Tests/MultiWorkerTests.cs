using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.AzureStorage.TestWorker;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>Several workers on one task hub: in one process, and as separate processes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MultiWorkerTests(AzuriteFixture azurite) : FreshTaskHubTests
{
    [Fact]
    public async Task Three_worker_hosts_in_one_process_share_the_work_and_apply_everything_once()
    {
        await using var a = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, workerName: "a");
        await using var b = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, workerName: "b");
        await using var c = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, workerName: "c");

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await (i % 2 == 0 ? a : b).Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestration), 12));
        }

        foreach (var id in ids)
        {
            AssertFanOutApplied(await Instances.WaitForTerminalAsync(c.Client, id, TimeSpan.FromSeconds(60)), 12);
        }

        var workers = RanLog.Read(RanLogPath).Select(parts => parts[0]).Distinct().Order().ToList();
        Assert.True(workers.Count >= 2, $"only {string.Join(", ", workers)} ran activities");
    }

    [Fact]
    public async Task Two_worker_processes_share_the_work_and_apply_everything_once()
    {
        await using var first = await WorkerProcess.StartAsync(azurite.ConnectionString, Hub, RanLogPath, "process-1");
        await using var second = await WorkerProcess.StartAsync(azurite.ConnectionString, Hub, RanLogPath, "process-2");
        await using var client = await ClientHost.StartAsync(azurite.ConnectionString, Hub);

        var fans = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            fans.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestration), 12));
        }

        var chain = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), "processes");
        await client.Client.RaiseEventAsync(chain, "go", "go");

        foreach (var id in fans)
        {
            AssertFanOutApplied(await Instances.WaitForTerminalAsync(client.Client, id, TimeSpan.FromSeconds(60)), 12);
        }

        Instances.AssertEveryStepAppliedOnce(await Instances.WaitForTerminalAsync(client.Client, chain, TimeSpan.FromSeconds(60)), "processes", RanLogPath);
        var workers = RanLog.Read(RanLogPath).Select(parts => parts[0]).Distinct().Order().ToList();
        Assert.Equal(["process-1", "process-2"], workers);
    }

    private static void AssertFanOutApplied(OrchestrationMetadata done, int width)
    {
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.InstanceId} is {done.RuntimeStatus}: {done.FailureDetails}");
        var results = DurablePayloads.Converter.Deserialize<List<string>>(done.SerializedOutput)!;
        Assert.Equal(Enumerable.Range(0, width).Select(i => $"{done.InstanceId}:{i}"), results.Select(r => string.Join(':', r.Split(':')[..2])));
    }
}
