// The engine sample that `./run demo` plays until the full release demo exists: one orchestration with an activity
// chain, a durable timer (a short "soak") and an external event (an approval), on the in-memory backend.
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soakline.Durable;
using Soakline.EngineSample;

var soak = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var seconds)
    ? TimeSpan.FromSeconds(seconds)
    : TimeSpan.FromSeconds(2);

var services = new ServiceCollection();
services.AddLogging();
services.AddDurableTaskWorker(builder => builder
    .AddTasks(registry => registry
        .AddOrchestrator<RehearsalOrchestrator>()
        .AddActivity<BuildActivity>()
        .AddActivity<TestActivity>()
        .AddActivity<DeployActivity>())
    .UseInMemory());
services.AddDurableTaskClient(builder => builder.UseInMemory());

await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

var client = provider.GetRequiredService<DurableTaskClient>();
var clock = Stopwatch.StartNew();
var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(
    nameof(RehearsalOrchestrator),
    new RehearsalInput("demo/app", "1a2b3c4d5e6f", soak),
    new StartOrchestrationOptions($"rehearsal-{DateTime.UtcNow:HHmmss}"));
Console.WriteLine($"started orchestration {instanceId}");

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
string? lastStatus = null;
var approved = false;
OrchestrationMetadata metadata;
while (true)
{
    metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token)
        ?? throw new InvalidOperationException("the instance vanished");
    var status = metadata.ReadCustomStatusAs<RehearsalStatus>();
    var line = status is null ? metadata.RuntimeStatus.ToString() : $"{status.Stage}: {status.Detail}";
    if (line != lastStatus)
    {
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] {line}");
        lastStatus = line;
    }

    if (!approved && status?.Stage == "awaiting approval")
    {
        Console.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0}s] raising external event 'Approval' (approved by demo@soakline)");
        await client.RaiseEventAsync(instanceId, "Approval", new Approval(true, "demo@soakline"), timeout.Token);
        approved = true;
    }

    if (metadata.IsCompleted)
    {
        break;
    }

    await Task.Delay(50, timeout.Token);
}

Console.WriteLine($"final status: {metadata.RuntimeStatus}");
if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
{
    Console.WriteLine($"output: {metadata.SerializedOutput}");
}
else
{
    Console.WriteLine($"failure: {metadata.FailureDetails}");
}

foreach (var service in hosted)
{
    await service.StopAsync(CancellationToken.None);
}

return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
