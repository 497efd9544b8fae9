using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing.History;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Runtime;

/// <summary>
/// End to end with a backend that delivers every activity result and every outgoing message twice: the orchestration
/// still applies each result exactly once and finishes with the right answer.
/// </summary>
public sealed class DuplicateDeliveryTests
{
    [Fact]
    public async Task Every_message_delivered_twice_still_gives_one_application_per_result()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DurableTaskTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("AddOne", (_, x) => x + 1)
                .AddOrchestratorFunc<int, int>("Accumulate", async (ctx, start) =>
                {
                    var value = start;
                    for (var i = 0; i < 5; i++)
                    {
                        value = await ctx.CallActivityAsync<int>("AddOne", value);
                        await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                    }

                    var parts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ctx.CallActivityAsync<int>("AddOne", i)));
                    return value + parts.Sum();
                }),
            new DurableTaskTestHostOptions
            {
                TimeProvider = clock,
                ConfigureServices = services => services.AddSingleton<IOrchestrationBackend>(sp =>
                    new DuplicatingBackend(sp.GetRequiredService<InMemoryOrchestrationBackend>())),
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulate", 10);
        var done = await host.RunUntilCompletedAsync(id);
        var state = await host.Backend.GetInstanceAsync(id, CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(15 + 10, done.ReadOutputAs<int>());
        var completions = state!.History.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).ToList();
        Assert.Equal(completions.Distinct().Count(), completions.Count);
        Assert.Equal(9, completions.Count);
        Assert.Equal(5, state.History.OfType<TimerFired>().Count());
    }

    /// <summary>Wraps a backend and sends every outgoing message, activity request and activity result twice.</summary>
    private sealed class DuplicatingBackend(InMemoryOrchestrationBackend inner) : IOrchestrationBackend
    {
        public Task CreateInstanceAsync(OrchestrationInstanceState state, OrchestrationMessage startMessage, CancellationToken cancellationToken) =>
            inner.CreateInstanceAsync(state, startMessage, cancellationToken);

        public Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken) => inner.SendMessageAsync(message, cancellationToken);

        public Task<OrchestrationInstanceState?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) => inner.GetInstanceAsync(instanceId, cancellationToken);

        public Task<Page<OrchestrationInstanceState>> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken) => inner.QueryInstancesAsync(query, cancellationToken);

        public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

        public Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

        public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationStepResult result, CancellationToken cancellationToken) =>
            inner.CompleteOrchestrationWorkItemAsync(workItem, result with { OrchestrationMessages = [.. result.OrchestrationMessages, .. result.OrchestrationMessages], ActivityRequests = [.. result.ActivityRequests, .. result.ActivityRequests] }, cancellationToken);

        public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) => inner.AbandonOrchestrationWorkItemAsync(workItem, cancellationToken);

        public Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextActivityWorkItemAsync(cancellationToken);

        public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken)
        {
            await inner.SendMessageAsync(result with { MessageId = Guid.NewGuid().ToString("N") }, cancellationToken);
            await inner.CompleteActivityWorkItemAsync(workItem, result, cancellationToken);
        }

        public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) => inner.AbandonActivityWorkItemAsync(workItem, cancellationToken);
    }
}
