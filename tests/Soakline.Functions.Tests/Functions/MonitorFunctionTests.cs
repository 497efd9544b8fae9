using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Functions;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Functions;

/// <summary>The monitor timers under Azure Functions start the sweep of the occurrence that fired, as standalone does.</summary>
public sealed class MonitorFunctionTests : IDisposable
{
    private readonly string _specPath = Path.Combine(Path.GetTempPath(), $"soakline-spec-{Guid.NewGuid():N}.yml");

    public MonitorFunctionTests() => File.WriteAllText(_specPath, "monitoring:\n  checks: []\n");

    public void Dispose() => File.Delete(_specPath);

    [Fact]
    public async Task Both_timers_at_one_instant_start_one_sweep_named_after_the_occurrence()
    {
        // Monday 10:05:07 UTC: the business-hours schedule (every 5 minutes) and the 15-minute one differ; 10:15 is shared.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 15, 2, TimeSpan.Zero));
        using var services = WorkerServices.Build(clock, new Dictionary<string, string?>
        {
            ["Soakline__Monitoring__Repository"] = "acme/shop",
            ["Soakline__Monitoring__SpecPath"] = _specPath,
        });
        var client = new RecordingDurableTaskClient();

        await Invoke(services, f => f.BusinessHours(new TimerInfo(), client, CancellationToken.None));
        await Invoke(services, f => f.OffHours(new TimerInfo(), client, CancellationToken.None));

        var expected = PipelineInstanceIds.ForMonitorSweep(new RepositoryRef("acme", "shop"), new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero));
        Assert.Equal((nameof(MonitorSweepOrchestrator), expected), client.Started.Select(s => (s.Name.Name, s.InstanceId)).Single());
    }

    [Fact]
    public async Task Without_monitoring_configured_a_timer_starts_nothing()
    {
        using var services = WorkerServices.Build(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero)));
        var client = new RecordingDurableTaskClient();

        await Invoke(services, f => f.BusinessHours(new TimerInfo(), client, CancellationToken.None));

        Assert.Empty(client.Started);
    }

    /// <summary>One invocation: its own scope, the function class built from it as the worker does.</summary>
    private static async Task Invoke(IServiceProvider services, Func<MonitorFunctions, Task> call)
    {
        await using var scope = services.CreateAsyncScope();
        await call(ActivatorUtilities.CreateInstance<MonitorFunctions>(scope.ServiceProvider));
    }
}
