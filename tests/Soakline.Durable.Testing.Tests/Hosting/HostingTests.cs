using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Hosting;

/// <summary>The SDK-shaped hosting entry points, dependency injection into activities, and replay-safe logging.</summary>
public sealed class HostingTests
{
    public interface IGreeter
    {
        string Greet(string name);
    }

    [Fact]
    public async Task Worker_and_client_registered_through_DI_share_the_in_memory_backend()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IGreeter, PoliteGreeter>();
        services.AddDurableTaskWorker(builder => builder
            .AddTasks(r => r.AddActivity<GreetActivity>().AddOrchestrator<GreetOrchestrator>())
            .UseInMemory());
        services.AddDurableTaskClient(builder => builder.UseInMemory());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var client = provider.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "Ada");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Single(hosted);
        Assert.Equal("Good day, Ada.", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task The_replay_safe_logger_writes_each_message_once()
    {
        var lines = new ConcurrentQueue<string>();
        var clock = new FakeTimeProvider();
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Step", (_, x) => x)
                .AddOrchestratorFunc<int>("Chatty", async ctx =>
                {
                    var log = ctx.CreateReplaySafeLogger("Chatty");
                    log.LogWarning("starting");
                    await ctx.CallActivityAsync<int>("Step", 1);
                    log.LogWarning("after step 1");
                    await ctx.CallActivityAsync<int>("Step", 2);
                    log.LogWarning("after step 2");
                    return 2;
                }),
            new DurableTaskTestHostOptions
            {
                TimeProvider = clock,
                ConfigureServices = services => services.AddLogging(b => b.AddProvider(new CapturingProvider(lines))),
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chatty");
        await host.RunUntilCompletedAsync(id);

        Assert.Equal(["starting", "after step 1", "after step 2"], lines.ToArray());
    }

    public sealed class PoliteGreeter : IGreeter
    {
        public string Greet(string name) => $"Good day, {name}.";
    }

    public sealed class GreetActivity(IGreeter greeter) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(greeter.Greet(input));
    }

    public sealed class GreetOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>(nameof(GreetActivity), input);
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => categoryName == "Chatty" ? new Capturing(lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
