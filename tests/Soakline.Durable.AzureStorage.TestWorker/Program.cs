using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Durable;
using Soakline.Durable.AzureStorage.TestWorker;

// Usage: dotnet Soakline.Durable.AzureStorage.TestWorker.dll <task hub> <ran-log path> <worker name>
// The connection string comes from SOAKLINE_STORAGE (it carries a key, so it stays off the command line).
if (args.Length != 3 || Environment.GetEnvironmentVariable("SOAKLINE_STORAGE") is not { Length: > 0 } connectionString)
{
    await Console.Error.WriteLineAsync("usage: SOAKLINE_STORAGE=<connection string> TestWorker <task hub> <ran-log path> <worker name>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new RanLog(args[1], args[2]));
builder.Services.AddDurableTaskWorker(b => b
    .AddTasks(TestTasks.Register)
    .UseAzureStorage(o => TestTasks.UseFastRecovery(o, connectionString, args[0])));
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("worker started");
await host.WaitForShutdownAsync();
return 0;
