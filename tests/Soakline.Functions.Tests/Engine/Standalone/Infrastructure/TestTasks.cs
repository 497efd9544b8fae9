using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>The orchestrators and activities the engine tests run, each small enough to check one behaviour.</summary>
public static class TestTasks
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<AttemptCounter>();
        services.AddSingleton<Gates>();
        services.AddSingleton<ScopeLedger>();
        services.AddScoped<ScopedProbe>();
    }

    public static void Register(DurableTaskRegistry r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.AddActivityFunc<int, int>("Increment", (_, value) => value + 1);
        r.AddOrchestratorFunc<int, int>("Chain", async (context, length) =>
        {
            var value = 0;
            for (var i = 0; i < length; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        });

        r.AddActivityFunc<int, int>("Square", (_, value) => value * value);
        r.AddOrchestratorFunc<int, int>("FanOut", async (context, width) =>
            (await Task.WhenAll(Enumerable.Range(1, width).Select(i => context.CallActivityAsync<int>("Square", i)))).Sum());

        r.AddActivity<FlakyActivity>("Flaky");
        r.AddOrchestratorFunc<FlakyRequest, int>("Retrying", (context, request) =>
            context.CallActivityAsync<int>(
                "Flaky",
                request,
                TaskOptions.FromRetryPolicy(new RetryPolicy(request.MaxAttempts, TimeSpan.FromMilliseconds(100), backoffCoefficient: 1.0))));

        r.AddOrchestratorFunc<double, double>("Sleeper", async (context, seconds) =>
        {
            var start = context.CurrentUtcDateTime;
            await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return (context.CurrentUtcDateTime - start).TotalSeconds;
        });

        r.AddActivity<GateActivity>("Gate");
        r.AddOrchestratorFunc<string, int[]>("EventsBeforeWait", async (context, gate) =>
        {
            await context.CallActivityAsync<string>("Gate", gate);
            var steps = new int[3];
            for (var i = 0; i < steps.Length; i++)
            {
                steps[i] = await context.WaitForExternalEvent<int>("step");
            }

            return steps;
        });

        r.AddOrchestratorFunc<string>("EventWithTimeout", async context =>
        {
            try
            {
                await context.WaitForExternalEvent<string>("never", TimeSpan.FromSeconds(1));
                return "received";
            }
            catch (TaskCanceledException)
            {
                return "timed-out";
            }
        });

        r.AddOrchestratorFunc<string, ChildReport>("Parent", (context, childId) =>
            context.CallSubOrchestratorAsync<ChildReport>("Child", "hello", new SubOrchestrationOptions { InstanceId = childId }));
        r.AddOrchestratorFunc<string, ChildReport>("Child", (context, text) =>
            new ChildReport(text.ToUpperInvariant(), context.Parent?.Name.Name, context.Parent?.InstanceId, context.InstanceId));
        r.AddOrchestratorFunc<string>("TopLevel", context => context.Parent is null ? "no parent" : $"parent {context.Parent.InstanceId}");

        r.AddOrchestratorFunc<int, int>("Counter", (context, count) =>
        {
            if (count < 3)
            {
                context.ContinueAsNew(count + 1);
            }

            return count;
        });

        r.AddOrchestratorFunc<string>("StatusThenWait", async context =>
        {
            context.SetCustomStatus(new Stage("waiting"));
            var value = await context.WaitForExternalEvent<string>("go");
            context.SetCustomStatus(new Stage("done"));
            return value;
        });

        r.AddOrchestratorFunc<string>("WaitForever", context => context.WaitForExternalEvent<string>("never"));

        r.AddActivityFunc("Explode", (Action<TaskActivityContext>)(_ => throw new InvalidOperationException("disk full on host-1")));
        r.AddOrchestratorFunc<int>("CallsExplode", async context =>
        {
            await context.CallActivityAsync("Explode");
            return 0;
        });
        r.AddOrchestratorFunc<int>("ThrowsDirectly", (Func<TaskOrchestrationContext, int>)(_ => throw new InvalidOperationException("bad pipeline spec")));
        r.AddOrchestratorFunc<int>("CallsUnknownActivity", async context =>
        {
            await context.CallActivityAsync("NoSuchActivity");
            return 0;
        });

        r.AddOrchestratorFunc<int, int>("EventBurst", async (context, count) =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await context.WaitForExternalEvent<int>("tick");
            }

            return sum;
        });

        r.AddActivity<ScopedActivity>("Scoped");
        r.AddOrchestratorFunc<Guid[]>("ScopedTwice", async context =>
            [await context.CallActivityAsync<Guid>("Scoped"), await context.CallActivityAsync<Guid>("Scoped")]);

        r.AddOrchestrator<NeedsUnregisteredService>("BrokenConstructor");

        r.AddActivity<WorkerNameActivity>("WorkerName");
        r.AddOrchestratorFunc<string>("SleepThenReport", async context =>
        {
            context.SetCustomStatus(new Stage("sleeping"));
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            return await context.CallActivityAsync<string>("WorkerName");
        });
    }
}
