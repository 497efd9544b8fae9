using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soakline.Functions.Api;
using Soakline.Functions.Engine.Standalone;
using Soakline.Functions.Watchdog;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Watchdog;

/// <summary>
/// The watchdog standalone on the real engine over Azure Storage (Azurite), on real time: a pipeline soaking on durable
/// timers, the durable worker stopped mid-soak while the rest of the app (API, watchdog scheduler) keeps running, the
/// incident (the stuck record, no tracker configured) seen within one watchdog period of the step becoming overdue, then
/// a worker started again (a second app on the task hub, as a restarted process would) and the incident resolved. The pipeline is a stand-in release orchestrator that soaks as the
/// production orchestrator does (publish the next analysis time, wait on a durable timer, "analyse", repeat); that the
/// real soak publishes its due times is tested on the pipeline's own tests (NextStepDueTests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WatchdogOnAzuriteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PipelineId = "release:acme:shop:main:89abcdef0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan AnalysisInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly string _taskHub = AzuriteFixture.NewTaskHub();
    private SoaklineAppFactory _app = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _app = App("watchdog-test-first");
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The app on the test's task hub, with the soaking stand-in and a 2-second watchdog period, its engine working as
    /// <paramref name="workerId"/> (a restarted process has a new id: its process id is new).
    /// </summary>
    private SoaklineAppFactory App(string workerId) =>
        new SoaklineAppFactory()
            .OnAzurite(azurite, _taskHub)
            .With("Soakline__Watchdog__Schedule", "*/2 * * * * *")
            .With("Soakline__Watchdog__Grace", "00:00:03")
            .With("Logging__LogLevel__DurableTask.AzureStorage", "Information")
            .OnStandaloneEngine()
            // Leases read every second. A control message the stopping worker fetched in its last moments stays hidden
            // for the control queue's visibility timeout (the engine's provider takes one more look at its queues while
            // it shuts down), so the restarted worker sees the soak's next timer only then: the shipped minute would
            // leave the restart next to the test's deadline, the smallest allowed (15 s) does not.
            .WithServices(services => services.PostConfigure<StandaloneEngineOptions>(options =>
            {
                EngineHost.TestTuning(options);
                options.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(15);
                options.WorkerId = workerId;
            }))
            .WithOrchestrators(registry => registry.AddOrchestratorFunc<string?, int>("ReleaseOrchestrator", async (context, _) =>
            {
                // A 10-minute soak analysed every second: the test stops the worker long before it ends.
                for (var analyses = 0; analyses < 600; analyses++)
                {
                    var due = context.CurrentUtcDateTime + AnalysisInterval;
                    context.SetCustomStatus(new PipelineStatus("stage 1: soaking", "production", LastAnalysis: $"{analyses} analyses", NextStepDue: due));
                    await context.CreateTimer(AnalysisInterval, CancellationToken.None);
                }

                return 600;
            }));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<PipelineDetail> DetailAsync() => _http.GetFromJsonAsync<PipelineDetail>($"/api/pipelines/{PipelineId}")!;

    private static string EngineLines(SoaklineAppFactory app) =>
        string.Join('\n', app.Logs.Lines.Where(line => line.Contains("lease", StringComparison.Ordinal) || line.Contains("Fetched [", StringComparison.Ordinal) || line.Contains("Durable worker", StringComparison.Ordinal)).TakeLast(40));

    private static int Analyses(PipelineDetail detail) =>
        int.Parse(detail.Pipeline.Status!.Value.GetProperty("lastAnalysis").GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Stopping_the_worker_mid_soak_raises_the_incident_within_a_period_and_restarting_it_resolves_it()
    {
        await _app.Client.ScheduleNewOrchestrationInstanceAsync("ReleaseOrchestrator", null, new StartOrchestrationOptions(PipelineId));
        await Eventually.MatchAsync(DetailAsync, d => d.Pipeline.Status is not null && Analyses(d) >= 3, "the soak to run a few analyses");
        var worker = _app.Services.GetServices<IHostedService>().OfType<DurableTaskWorker>().Single();

        await worker.StopAsync(Eventually.Timeout());
        var stopped = await DetailAsync();
        var stuck = (await Eventually.MatchAsync(DetailAsync, d => d.Pipeline.Stuck is not null, "the watchdog to report the stopped soak")).Pipeline.Stuck!;

        Assert.Equal(PipelineId, stuck.InstanceId);
        Assert.Contains("(stage 1: soaking): the soak's next analysis (or its end) was due at", stuck.Reason, StringComparison.Ordinal);
        Assert.True(stuck.Since >= stopped.Pipeline.LastUpdatedAt, $"overdue since {stuck.Since:O}, the soak's last step was at {stopped.Pipeline.LastUpdatedAt:O}");
        // Found by the first watchdog run after the step became overdue (due + grace), give or take a busy machine.
        var late = stuck.DetectedAt - (stuck.Since + Grace);
        Assert.True(late <= Period + TimeSpan.FromSeconds(10), $"found {late} after it was overdue; the period is {Period}");
        var record = await _app.Services.GetRequiredService<IStuckPipelineRecords>().GetAsync(PipelineId, CancellationToken.None);
        Assert.Equal(stuck.Reason, record?.Reason);

        // The worker comes back as a new process would: a second app on the task hub, under its own worker id, takes the
        // partitions the stopped worker released (the engine's provider is not restarted in place). The first app's
        // watchdog sees the move.
        await using var restarted = App("watchdog-test-restarted");
        _ = restarted.Services;
        PipelineDetail moving;
        try
        {
            moving = await Eventually.MatchAsync(DetailAsync, d => d.Pipeline.Stuck is null, "the watchdog to see the soak move again");
        }
        catch (TimeoutException e)
        {
            // Say where the partitions were: the engine's own account of its workers and leases.
            throw new TimeoutException($"{e.Message}\nfirst app's engine:\n{EngineLines(_app)}\nrestarted app's engine:\n{EngineLines(restarted)}", e);
        }

        Assert.True(Analyses(moving) > Analyses(stopped), $"the soak went on: {Analyses(stopped)} analyses when stopped, {Analyses(moving)} now");
        Assert.Null(await _app.Services.GetRequiredService<IStuckPipelineRecords>().GetAsync(PipelineId, CancellationToken.None));
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Running), moving.Pipeline.RuntimeStatus);
    }
}
