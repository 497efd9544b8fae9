using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>ContinueAsNew: a fresh execution with a new input, and unprocessed events carried over when asked.</summary>
public abstract class ContinueAsNewConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    [Fact]
    public async Task An_orchestration_can_restart_itself_with_new_input()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Next", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Next", n);
                if (next < 5)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var id = await StartAsync(host, "Counter", 0);
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5, done.ReadOutputAs<int>());
        Assert.Equal(4, done.ReadInputAs<int>());
    }

    public sealed record Collected(int Generation, string[] Items);

    [Fact]
    public async Task Unprocessed_events_are_carried_into_the_next_execution()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<Collected, Collected>("Collector", async (ctx, state) =>
            {
                ctx.SetCustomStatus($"generation {state.Generation}");
                var item = await ctx.WaitForExternalEvent<string>("item");
                var items = state.Items.Append(item).ToArray();
                if (items.Length < 3)
                {
                    // Hold on a moment so the other events arrive during this execution and must be carried over.
                    await ctx.CreateTimer(TimeSpan.FromMilliseconds(500), CancellationToken.None);
                    ctx.ContinueAsNew(new Collected(state.Generation + 1, items), preserveUnprocessedEvents: true);
                }

                return new Collected(state.Generation, items);
            }));

        var id = await StartAsync(host, "Collector", new Collected(0, []));
        await CustomStatusOf(host, id, "generation 0");
        await host.Client.RaiseEventAsync(id, "item", "one");
        await host.Client.RaiseEventAsync(id, "item", "two");
        await host.Client.RaiseEventAsync(id, "item", "three");
        var done = await CompletionOf(host, id);

        var result = done.ReadOutputAs<Collected>()!;
        if (Conventions.KeepsEventOrderAcrossContinueAsNew)
        {
            Assert.Equal(["one", "two", "three"], result.Items);
        }
        else
        {
            Assert.Equal(["one", "three", "two"], result.Items.Order(StringComparer.Ordinal));
        }

        Assert.Equal(2, result.Generation);
    }
}
