using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Durable.Testing;
using Soakline.Functions.Functions;
using Soakline.Functions.Tests.Watchdog;
using Soakline.Functions.Watchdog;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// The watchdog timer under Azure Functions: the invocation's client reaches the watchdog, which opens one incident per
/// stuck pipeline however often it runs and resolves it once the pipeline moves. The pipeline is a stand-in release
/// orchestrator on the in-memory engine that publishes a due time and then waits on an event the test controls, so
/// "the timer fired and nothing handled it" is the test's to decide.
/// </summary>
public sealed class WatchdogFunctionTests : IAsyncLifetime
{
    private const string PipelineId = "release:acme:shop:main:0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly RecordingIncidentTracker _tracker = new();
    private DurableTaskTestHost _engine = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _engine = await DurableTaskTestHost.StartAsync(
            registry => registry.AddOrchestratorFunc<string?, string>("ReleaseOrchestrator", async (context, _) =>
            {
                context.SetCustomStatus(new PipelineStatus("stage 1: soaking", "production", NextStepDue: context.CurrentUtcDateTime.AddMinutes(1)));
                await context.WaitForExternalEvent<string>("moved");
                context.SetCustomStatus(new PipelineStatus("stage 2: soaking", "production", NextStepDue: context.CurrentUtcDateTime.AddMinutes(1)));
                return await context.WaitForExternalEvent<string>("done");
            }),
            new DurableTaskTestHostOptions { TimeProvider = _clock });
        _services = WorkerServices.Build(
            _clock,
            new Dictionary<string, string?> { ["Soakline__Watchdog__Grace"] = "00:00:30" },
            services => services.AddSingleton<IIncidentTracker>(_tracker));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private async Task<WatchdogSweep> InvokeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<WatchdogFunctions>(scope.ServiceProvider).RunAsync(new TimerInfo(), _engine.Client, CancellationToken.None);
    }

    private Task IdleAsync() => _engine.Backend.WaitForIdleAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

    [Fact]
    public async Task One_incident_per_stuck_pipeline_across_runs_and_it_is_resolved_when_the_pipeline_moves()
    {
        await _engine.Client.ScheduleNewOrchestrationInstanceAsync("ReleaseOrchestrator", null, new StartOrchestrationOptions(PipelineId));
        await IdleAsync();
        var records = _services.GetRequiredService<IStuckPipelineRecords>();

        var waiting = await InvokeAsync();
        Assert.Equal((1, 0), (waiting.Watched, waiting.Opened.Count));

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(31));
        var first = await InvokeAsync();
        var second = await InvokeAsync();

        Assert.Equal([PipelineId], first.Opened);
        Assert.Empty(second.Opened);
        var report = Assert.Single(_tracker.Reports);
        Assert.Equal(StuckPipelineWatchdog.IncidentKey(PipelineId), report.Key);
        Assert.Contains("the soak's next analysis (or its end) was due at 2026-11-23 10:01:00 UTC and has not happened", report.Body, StringComparison.Ordinal);
        var record = await records.GetAsync(PipelineId, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(Start.AddMinutes(1), record.Since);
        Assert.Equal(new Uri("https://github.test/acme/ops/issues/101"), record.IncidentUrl);

        await _engine.Client.RaiseEventAsync(PipelineId, "moved", "go");
        await IdleAsync();
        var moved = await InvokeAsync();

        Assert.Equal([PipelineId], moved.Resolved);
        Assert.Empty(moved.Opened);
        var (key, resolution) = Assert.Single(_tracker.Resolutions);
        Assert.Equal(StuckPipelineWatchdog.IncidentKey(PipelineId), key);
        Assert.Contains("no longer stuck", resolution, StringComparison.Ordinal);
        Assert.Empty(_tracker.Open);
        Assert.Null(await records.GetAsync(PipelineId, CancellationToken.None));
    }

    [Fact]
    public async Task A_pipeline_that_finishes_while_stuck_has_its_incident_resolved()
    {
        await _engine.Client.ScheduleNewOrchestrationInstanceAsync("ReleaseOrchestrator", null, new StartOrchestrationOptions(PipelineId));
        await IdleAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([PipelineId], (await InvokeAsync()).Opened);

        await _engine.Client.TerminateInstanceAsync(PipelineId, "operator stopped it");
        await IdleAsync();
        var after = await InvokeAsync();

        Assert.Equal(0, after.Watched);
        Assert.Equal([PipelineId], after.Resolved);
        Assert.Contains("it finished", Assert.Single(_tracker.Resolutions).Resolution, StringComparison.Ordinal);
    }
}
