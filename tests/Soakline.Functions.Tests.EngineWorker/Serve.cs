using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.EngineWorker;

/// <summary>
/// Runs a standalone worker on ENGINE_HUB at ENGINE_CONNECTION as ENGINE_WORKER_ID until the process is stopped. Its tasks:
/// ShareProbe fans out WhoAmI activities, which report the worker id of the process that ran them.
/// </summary>
internal static class Serve
{
    public static async Task<int> RunAsync()
    {
        var connection = Required("ENGINE_CONNECTION");
        var hub = Required("ENGINE_HUB");
        var workerId = Required("ENGINE_WORKER_ID");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Soakline", LogLevel.Information);
        builder.Services.AddStandaloneDurableEngine(options =>
        {
            options.TaskHubName = hub;
            options.ConnectionString = connection;
            options.WorkerId = workerId;
            options.PartitionCount = 4;
            options.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250);
            options.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
            options.LeaseInterval = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(r =>
        {
            r.AddActivityFunc<int, string>("WhoAmI", async (_, milliseconds) =>
            {
                // Simulated work, so that both processes pull from the shared activity queue.
                await Task.Delay(milliseconds);
                return workerId;
            });
            // DURABLE2002 (Microsoft.DurableTask.Analyzers 1.28.0, arriving with the Functions worker's Durable extension)
            // reads AddActivityFunc<TInput, TOutput>'s first type argument as the output: WhoAmI takes an int, returns a string.
#pragma warning disable DURABLE2002
            r.AddOrchestratorFunc<int, string[]>("ShareProbe", (context, width) =>
                Task.WhenAll(Enumerable.Range(0, width).Select(_ => context.CallActivityAsync<string>("WhoAmI", 200))));
#pragma warning restore DURABLE2002
        }).UseStandaloneEngine());
        await builder.Build().RunAsync();
        return 0;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set.");
}
