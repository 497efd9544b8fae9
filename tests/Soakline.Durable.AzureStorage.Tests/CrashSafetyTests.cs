using System.Diagnostics;
using Soakline.Durable.AzureStorage.Tests.Azurite;
using Soakline.Durable.AzureStorage.TestWorker;
using Xunit.Abstractions;

namespace Soakline.Durable.AzureStorage.Tests;

/// <summary>
/// Workers die without warning (SIGKILL) at random points of 20-step orchestrations; restarted workers finish them
/// with every activity result applied exactly once. Activities may run more than once; the output shows what was applied.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashSafetyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Seeds = 9;
    private const int ParallelSeeds = 3;
    private const int KillsPerSeed = 3;
    private const int InstancesPerSeed = 2;

    [Fact]
    public async Task A_worker_killed_at_random_points_is_restarted_and_every_result_is_applied_once()
    {
        var watch = Stopwatch.StartNew();
        var reruns = 0;
        for (var first = 1; first <= Seeds; first += ParallelSeeds)
        {
            var round = Enumerable.Range(first, Math.Min(ParallelSeeds, Seeds - first + 1)).Select(RunSeedAsync).ToList();
            foreach (var seedReruns in await Task.WhenAll(round))
            {
                reruns += seedReruns;
            }
        }

        output.WriteLine($"{Seeds} seeds x {KillsPerSeed} kills x {InstancesPerSeed} instances in {watch.Elapsed}; {reruns} activity runs were not applied (ran again after a kill).");
    }

    private async Task<int> RunSeedAsync(int seed)
    {
        var hub = AzuriteFixture.NewTaskHubName();
        var ranLog = Path.GetTempFileName();
        try
        {
            var random = new Random(seed);
            await using var client = await ClientHost.StartAsync(azurite.ConnectionString, hub);
            var worker = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, ranLog, $"seed{seed}-life0");
            try
            {
                var runs = Enumerable.Range(0, InstancesPerSeed).Select(i => $"s{seed}i{i}").ToList();
                var ids = new List<string>();
                foreach (var run in runs)
                {
                    ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TwentyStepOrchestration), run));
                }

                for (var kill = 1; kill <= KillsPerSeed; kill++)
                {
                    await Task.Delay(random.Next(50, 1200));
                    await worker.KillAsync();
                    await worker.DisposeAsync();
                    worker = await WorkerProcess.StartAsync(azurite.ConnectionString, hub, ranLog, $"seed{seed}-life{kill}");
                    if (kill == 1)
                    {
                        foreach (var id in ids)
                        {
                            await client.Client.RaiseEventAsync(id, "go", "go");
                        }
                    }
                }

                var reruns = 0;
                for (var i = 0; i < ids.Count; i++)
                {
                    var done = await Instances.WaitForTerminalAsync(client.Client, ids[i], TimeSpan.FromSeconds(60));
                    reruns += Instances.AssertEveryStepAppliedOnce(done, runs[i], ranLog);
                }

                return reruns;
            }
            finally
            {
                await worker.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(ranLog);
        }
    }
}
