using Soakline.Durable.AzureStorage.Tests.Azurite;
using System.Diagnostics;
using Soakline.Durable.AzureStorage.TestWorker;
using Xunit.Abstractions;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>Storage goes away mid-run and comes back with its data: the workers ride it out and finish.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteRestartTests(AzuriteFixture azurite, ITestOutputHelper output) : FreshTaskHubTests
{
    [Fact]
    public async Task Orchestrations_in_flight_finish_after_Azurite_restarts()
    {
        await using var host = await WorkerHost.StartAsync(azurite.ConnectionString, Hub, RanLogPath, tune: o => o.MaxPollingInterval = TimeSpan.FromMilliseconds(200));
        var runs = new[] { "restart-a", "restart-b" };
        var ids = new List<string>();
        foreach (var run in runs)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), run);
            await host.Client.RaiseEventAsync(id, "go", "go");
            ids.Add(id);
        }

        await Task.Delay(700);
        var before = await host.Client.GetInstanceAsync(ids[0]);
        Assert.False(before!.IsCompleted, "the restart should hit the run mid-way");
        var watch = Stopwatch.StartNew();
        await azurite.Server.RestartAsync(downtime: TimeSpan.FromSeconds(1));
        output.WriteLine($"Azurite was away for {watch.Elapsed}.");

        for (var i = 0; i < ids.Count; i++)
        {
            var done = await Instances.WaitForTerminalAsync(host.Client, ids[i], TimeSpan.FromSeconds(60));
            Instances.AssertEveryStepAppliedOnce(done, runs[i], RanLogPath);
        }

        output.WriteLine($"Both finished {watch.Elapsed} after the restart began.");
    }
}
