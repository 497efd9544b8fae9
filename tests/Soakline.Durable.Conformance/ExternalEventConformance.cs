using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>
/// External events: delivery, buffering before the wait (FIFO per name), which of several waits gets an event,
/// timeouts, finished instances.
/// </summary>
public abstract class ExternalEventConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    public sealed record Approval(bool Approved, string By);

    [Fact]
    public async Task An_awaited_event_delivers_its_payload()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("AwaitsApproval", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                var approval = await ctx.WaitForExternalEvent<Approval>("Approval");
                return $"{approval.Approved}:{approval.By}";
            }));

        var id = await StartAsync(host, "AwaitsApproval");
        await CustomStatusOf(host, id, "waiting");
        await host.Client.RaiseEventAsync(id, "Approval", new Approval(true, "ops@example.com"));

        Assert.Equal("True:ops@example.com", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_that_arrive_before_the_wait_are_buffered_in_order_per_name()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("LateListener", async ctx =>
            {
                ctx.SetCustomStatus("not listening yet");
                await ctx.WaitForExternalEvent<string>("go");
                var a1 = await ctx.WaitForExternalEvent<string>("a");
                var b1 = await ctx.WaitForExternalEvent<string>("b");
                var a2 = await ctx.WaitForExternalEvent<string>("a");
                return string.Join(",", a1, b1, a2);
            }));

        var id = await StartAsync(host, "LateListener");
        await CustomStatusOf(host, id, "not listening yet");
        await host.Client.RaiseEventAsync(id, "a", "a-first");
        await host.Client.RaiseEventAsync(id, "b", "b-first");
        await host.Client.RaiseEventAsync(id, "a", "a-second");
        await host.Client.RaiseEventAsync(id, "go", "now");

        Assert.Equal("a-first,b-first,a-second", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_names_are_case_insensitive()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("CaseBlind", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<string>("Approval");
            }));

        var id = await StartAsync(host, "CaseBlind");
        await CustomStatusOf(host, id, "waiting");
        await host.Client.RaiseEventAsync(id, "APPROVAL", "yes");

        Assert.Equal("yes", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_with_a_timeout_throws_TaskCanceledException_when_time_runs_out()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Impatient", async ctx =>
            {
                try
                {
                    await ctx.WaitForExternalEvent<string>("never", TimeSpan.FromSeconds(1));
                    return "received";
                }
                catch (TaskCanceledException)
                {
                    return "timed out";
                }
            }));

        var id = await StartAsync(host, "Impatient");

        Assert.Equal("timed out", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_with_a_timeout_returns_the_event_when_it_comes_first()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Patient", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                var value = await ctx.WaitForExternalEvent<string>("answer", TimeSpan.FromHours(1));
                return $"got {value}";
            }));

        var id = await StartAsync(host, "Patient");
        await CustomStatusOf(host, id, "waiting");
        await host.Client.RaiseEventAsync(id, "answer", "42");

        Assert.Equal("got 42", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task The_newest_wait_for_an_event_receives_it_first()
    {
        // The SDK keeps waiters for a name as a stack: a loop that abandons a wait and waits again is served first.
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("TwoWaits", async ctx =>
            {
                var older = ctx.WaitForExternalEvent<string>("signal");
                var newer = ctx.WaitForExternalEvent<string>("signal");
                ctx.SetCustomStatus("waiting");
                var first = await Task.WhenAny(older, newer);
                var second = first == newer ? await older : await newer;
                return $"{(first == newer ? "newer" : "older")} got {await first}, then {second}";
            }));

        var id = await StartAsync(host, "TwoWaits");
        await CustomStatusOf(host, id, "waiting");
        await host.Client.RaiseEventAsync(id, "signal", "one");
        await host.Client.RaiseEventAsync(id, "signal", "two");

        Assert.Equal("newer got one, then two", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_timed_out_wait_does_not_swallow_a_later_event()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Work", (_, s) => s)
            .AddOrchestratorFunc<string>("WaitsTwice", async ctx =>
            {
                try
                {
                    await ctx.WaitForExternalEvent<string>("abort", TimeSpan.FromSeconds(1));
                }
                catch (TaskCanceledException)
                {
                    ctx.SetCustomStatus("first wait timed out");
                }

                await ctx.WaitForExternalEvent<string>("continue");
                await ctx.CallActivityAsync<string>("Work", "between the waits");
                return await ctx.WaitForExternalEvent<string>("abort");
            }));

        var id = await StartAsync(host, "WaitsTwice");
        await CustomStatusOf(host, id, "first wait timed out");
        await host.Client.RaiseEventAsync(id, "abort", "stop now");
        await host.Client.RaiseEventAsync(id, "continue", "go on");

        Assert.Equal("stop now", (await CompletionOf(host, id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Waits_for_one_event_name_must_ask_for_the_same_type()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("MixedTypes", async ctx =>
            {
                var asText = ctx.WaitForExternalEvent<string>("value");
                var asNumber = ctx.WaitForExternalEvent<int>("value");
                await Task.WhenAll(asText, asNumber);
                return "unreachable";
            }));

        var id = await StartAsync(host, "MixedTypes");
        var done = await CompletionOf(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(ArgumentException).FullName, done.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task An_event_for_a_completed_instance_changes_nothing()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("done")));

        var id = await StartAsync(host, "Quick");
        var done = await CompletionOf(host, id);
        if (Conventions.RefusesEventsForFinishedInstances)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "late", "refused"));
            await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RaiseEventAsync(NewInstanceId("nobody"), "late", "refused"));
        }
        else
        {
            await host.Client.RaiseEventAsync(id, "late", "ignored");
            await host.Client.RaiseEventAsync(NewInstanceId("nobody"), "late", "ignored");
        }

        var after = await host.WaitUntilAsync(id, m => m.IsCompleted, "stay completed");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal("done", after.ReadOutputAs<string>());
        Assert.Equal(done.LastUpdatedAt, after.LastUpdatedAt);
    }

    [Fact]
    public async Task SendEvent_delivers_an_event_to_another_instance()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Receiver", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<string>("ping");
            })
            .AddOrchestratorFunc<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "ping", "hello from sender");
                return Task.FromResult("sent");
            }));

        var receiver = await StartAsync(host, "Receiver");
        await CustomStatusOf(host, receiver, "waiting");
        var sender = await StartAsync(host, "Sender", receiver);
        await CompletionOf(host, sender);

        Assert.Equal("hello from sender", (await CompletionOf(host, receiver)).ReadOutputAs<string>());
    }
}
