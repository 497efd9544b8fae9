using Microsoft.DurableTask;

namespace Soakline.Durable.Bench;

/// <summary>The orchestrations measured: a sequential chain, a fan-out/fan-in, and an event sink.</summary>
internal static class Scenarios
{
    public const string Chain = "Chain";
    public const string FanOut = "FanOut";
    public const string EventSink = "EventSink";

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Increment", (_, n) => n + 1)
        .AddOrchestratorFunc<int, int>(Chain, async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddOrchestratorFunc<int, int>(FanOut, async (context, width) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>("Increment", i)));
            return results.Sum();
        })
        .AddOrchestratorFunc<int, int>(EventSink, async (context, count) =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await context.WaitForExternalEvent<int>("tick");
            }

            return sum;
        });
}
