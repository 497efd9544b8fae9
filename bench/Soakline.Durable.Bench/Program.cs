using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Demo.Kit.Processes;
using Soakline.Durable.Bench;
using Soakline.Functions.Engine.Standalone;

// Usage: dotnet run -c Release --project bench/Soakline.Durable.Bench [-- --quick]
// The engine as Soakline ships it standalone: one process (worker and client sharing the provider), the shipped
// options (4 partitions, buffer threshold 256, queue polling at most 1 s, client waits at most 1 s).
var quick = args.Contains("--quick");
var chainLength = quick ? 20 : 100;
var fanOutWidth = quick ? 20 : 100;
var eventCount = quick ? 100 : 1000;
var rounds = quick ? 1 : 3;

Console.WriteLine($"Soakline.Durable.Bench: the standalone engine (DTFx Azure Storage) on Azurite, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(quick ? ", quick" : "")}");
await using var azurite = await AzuriteServer.StartAsync();

var (queueRoundTrip, tableWrite) = await StorageFloor.MeasureAsync(azurite.ConnectionString, repetitions: quick ? 20 : 200);
Console.WriteLine($"storage floor: queue send+receive+delete = {Ms(queueRoundTrip)} ms; table upsert = {Ms(tableWrite)} ms");

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddStandaloneDurableEngine(options =>
{
    options.TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..12];
    options.ConnectionString = azurite.ConnectionString;
});
builder.Services.AddDurableTaskWorker(b => b.AddTasks(Scenarios.Register).UseStandaloneEngine());
builder.Services.AddDurableTaskClient(b => b.UseStandaloneEngine());
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<DurableTaskClient>();
await RunAsync(Scenarios.Chain, 3); // Warm-up: JIT, connections, task hub creation, partition leases.

var chain = await BestOfAsync(() => RunAsync(Scenarios.Chain, chainLength));
var perActivity = chain / chainLength;
Console.WriteLine($"(a) sequential chain of {chainLength}: {Ms(chain)} ms -> {PerSecond(chainLength, chain)} activities/s; "
    + $"{Ms(perActivity)} ms per activity = {Ratio(perActivity, queueRoundTrip)}x a queue round trip");

var fan = await BestOfAsync(() => RunAsync(Scenarios.FanOut, fanOutWidth));
Console.WriteLine($"(b) fan-out/fan-in of {fanOutWidth}: {Ms(fan)} ms = {Ratio(fan, queueRoundTrip)}x a queue round trip");

var events = await BestOfAsync(() => RaiseEventsAsync(eventCount));
Console.WriteLine($"(c) {eventCount} external events into one instance (through the client, which checks the instance first): "
    + $"{Ms(events)} ms -> {PerSecond(eventCount, events)} events/s; floor {PerSecond(1, queueRoundTrip)} queue round trips/s");

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

async Task<TimeSpan> BestOfAsync(Func<Task<TimeSpan>> run)
{
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < rounds; i++)
    {
        var elapsed = await run();
        best = elapsed < best ? elapsed : best;
    }

    return best;
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

static string PerSecond(int count, TimeSpan t) => (count / t.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

static string Ratio(TimeSpan a, TimeSpan b) => (a / b).ToString("F2", CultureInfo.InvariantCulture);
