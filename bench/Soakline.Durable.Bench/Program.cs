using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Durable;
using Soakline.Durable.AzureStorage.Testing;
using Soakline.Durable.Bench;

// Usage: dotnet run -c Release --project bench/Soakline.Durable.Bench [-- --quick]
var quick = args.Contains("--quick");
var chainLength = quick ? 30 : 100;
var eventCount = quick ? 200 : 1000;
const int FanOutWidth = 100;
const int Rounds = 3;

Console.WriteLine($"Soakline.Durable.Bench: Azure Storage backend on Azurite, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
await using var azurite = await AzuriteServer.StartAsync();

var floor = await StorageFloor.MeasureStepAsync(azurite.ConnectionString, steps: 200);
Console.WriteLine($"storage floor: one step (receive, partition read, batch commit, send, delete) = {Ms(floor)} ms -> {PerSecond(1, floor)} steps/s");

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
var hub = "bench" + Guid.NewGuid().ToString("N")[..12];
builder.Services.AddDurableTaskWorker(b => b.AddTasks(Scenarios.Register).UseAzureStorage(azurite.ConnectionString, hub));
builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(azurite.ConnectionString, hub));
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<DurableTaskClient>();
await RunAsync(Scenarios.Chain, 3); // Warm-up: JIT, connections, task hub creation.

var chain = await BestOfAsync(() => RunAsync(Scenarios.Chain, chainLength));
var perActivity = chain / chainLength;
Console.WriteLine($"(a) sequential chain of {chainLength}: {Ms(chain)} ms -> {PerSecond(chainLength, chain)} activities/s; "
    + $"{Ms(perActivity)} ms per activity = {Ratio(perActivity, floor)}x the floor step ({Ms(floor)} ms)   [target >= 30/s and <= 2.5x]");

var fan = await BestOfAsync(() => RunAsync(Scenarios.FanOut, FanOutWidth));
Console.WriteLine($"(b) fan-out/fan-in of {FanOutWidth}: {Ms(fan)} ms = {Ratio(fan, floor)}x the floor step ({Ms(floor)} ms)   [target < 500 ms]");

var events = await BestOfAsync(() => RaiseEventsAsync(eventCount));
Console.WriteLine($"(c) {eventCount} external events into one instance: {Ms(events)} ms -> {PerSecond(eventCount, events)} events/s; "
    + $"floor {PerSecond(1, floor)} steps/s   [target >= 250/s]");

await host.StopAsync();
return 0;

async Task<TimeSpan> RunAsync(string orchestrator, int input)
{
    var watch = Stopwatch.StartNew();
    var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
    var done = await client.WaitForInstanceCompletionAsync(id);
    watch.Stop();
    if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
    {
        throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails}");
    }

    return watch.Elapsed;
}

async Task<TimeSpan> RaiseEventsAsync(int count)
{
    var id = await client.ScheduleNewOrchestrationInstanceAsync(Scenarios.EventSink, count);
    await client.WaitForInstanceStartAsync(id);
    var watch = Stopwatch.StartNew();
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => await client.RaiseEventAsync(id, "tick", 1, ct));
    var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
    watch.Stop();
    if (done.ReadOutputAs<int>() != count)
    {
        throw new InvalidOperationException($"The event sink counted {done.ReadOutputAs<int>()} of {count} events.");
    }

    return watch.Elapsed;
}

static async Task<TimeSpan> BestOfAsync(Func<Task<TimeSpan>> run)
{
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < Rounds; i++)
    {
        var elapsed = await run();
        best = elapsed < best ? elapsed : best;
    }

    return best;
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

static string PerSecond(int count, TimeSpan t) => (count / t.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

static string Ratio(TimeSpan a, TimeSpan b) => (a / b).ToString("F2", CultureInfo.InvariantCulture);
