using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Configuration;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Watchdog;

namespace Soakline.Functions.Watchdog;

/// <summary>
/// One watchdog run: judges every unfinished pipeline with <see cref="StuckPipelineDetector"/> and keeps one record
/// (and, when an incident tracker is configured, one incident keyed <see cref="IncidentKey"/>) per stuck pipeline,
/// resolving both once the pipeline moves again or finishes. It is deliberately not an orchestration: it reads the
/// instance store through the client and calls the tracker directly, so it works while the durable worker is stuck.
/// </summary>
internal sealed class StuckPipelineWatchdog(
    DurableTaskClient client,
    IStuckPipelineRecords records,
    AppSettings settings,
    TimeProvider clock,
    ILogger<StuckPipelineWatchdog> logger,
    IIncidentTracker? incidents = null)
{
    private static readonly OrchestrationRuntimeStatus[] Unfinished =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The incident key of a pipeline's stuck incident: stable, so repeated runs find the one open incident.</summary>
    public static string IncidentKey(string pipelineId) => "stuck:" + pipelineId;

    public async Task<WatchdogSweep> RunAsync(CancellationToken cancellationToken)
    {
        var detector = new StuckPipelineDetector(settings.Watchdog.Limits, clock);
        var open = (await records.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.PipelineId, StringComparer.Ordinal);
        var watched = new HashSet<string>(StringComparer.Ordinal);
        var opened = new List<string>();
        var resolved = new List<string>();
        await foreach (var pipeline in client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: Unfinished, FetchInputsAndOutputs: true)).WithCancellation(cancellationToken))
        {
            if (pipeline.Name != DurableReleaseStarter.OrchestratorName)
            {
                continue;
            }

            watched.Add(pipeline.InstanceId);
            try
            {
                var verdict = detector.Check(Watched(pipeline), await EnvironmentRunsAsync(pipeline.InstanceId, cancellationToken).ConfigureAwait(false));
                var record = open.GetValueOrDefault(pipeline.InstanceId);
                if (record is not null && (verdict is null || verdict.ProgressAt > record.ProgressAt))
                {
                    await ResolveAsync(record, verdict is null ? "it is moving again" : $"it moved at {verdict.ProgressAt:u}", cancellationToken).ConfigureAwait(false);
                    resolved.Add(pipeline.InstanceId);
                    record = null;
                }

                if (verdict is not null && record is null)
                {
                    await OpenAsync(pipeline.InstanceId, verdict, cancellationToken).ConfigureAwait(false);
                    opened.Add(pipeline.InstanceId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One pipeline's tracker or storage failure must not hide the others; the next run tries it again.
                logger.LogError(ex, "Watchdog could not judge or report pipeline {PipelineId}", pipeline.InstanceId);
            }
        }

        foreach (var record in open.Values.Where(r => !watched.Contains(r.PipelineId)))
        {
            try
            {
                await ResolveAsync(record, "it finished", cancellationToken).ConfigureAwait(false);
                resolved.Add(record.PipelineId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Watchdog could not resolve finished pipeline {PipelineId}", record.PipelineId);
            }
        }

        return new WatchdogSweep(watched.Count, opened, resolved);
    }

    private async Task OpenAsync(string pipelineId, StuckVerdict verdict, CancellationToken cancellationToken)
    {
        Uri? link = null;
        if (incidents is not null)
        {
            var body = $"Pipeline {pipelineId} is stuck since {verdict.Since:u}.\n\n{verdict.Reason}\n\nThe watchdog closes this issue when the pipeline moves again.";
            var incident = await incidents.OpenOrUpdateAsync(
                new IncidentReport(IncidentKey(pipelineId), Severity.Critical, $"Stuck pipeline: {pipelineId}", body, ["soakline", "stuck-pipeline"]),
                cancellationToken).ConfigureAwait(false);
            link = incident.Url;
        }

        await records.PutAsync(new StuckPipelineRecord(pipelineId, verdict.InstanceId, verdict.Since, verdict.Reason, verdict.ProgressAt, clock.GetUtcNow(), link), cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Pipeline {PipelineId} is stuck since {Since:O}: {Reason}", pipelineId, verdict.Since, verdict.Reason);
    }

    private async Task ResolveAsync(StuckPipelineRecord record, string why, CancellationToken cancellationToken)
    {
        if (incidents is not null)
        {
            await incidents.ResolveAsync(IncidentKey(record.PipelineId), $"{record.PipelineId} is no longer stuck: {why}.", cancellationToken).ConfigureAwait(false);
        }

        await records.RemoveAsync(record.PipelineId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Pipeline {PipelineId} is no longer stuck: {Why}", record.PipelineId, why);
    }

    private async Task<IReadOnlyList<WatchedInstance>> EnvironmentRunsAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var runs = new List<WatchedInstance>();
        await foreach (var run in client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: pipelineId + ":", FetchInputsAndOutputs: true)).WithCancellation(cancellationToken))
        {
            runs.Add(Watched(run));
        }

        return runs;
    }

    private static WatchedInstance Watched(OrchestrationMetadata instance) =>
        new(instance.InstanceId, State(instance.RuntimeStatus), instance.CreatedAt, instance.LastUpdatedAt, StatusOf(instance));

    private static WatchedState State(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WatchedState.Pending,
        OrchestrationRuntimeStatus.Running => WatchedState.Running,
        OrchestrationRuntimeStatus.Suspended => WatchedState.Suspended,
        _ => WatchedState.Ended,
    };

    private static PipelineStatus? StatusOf(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<PipelineStatus>();
        }
        catch (JsonException)
        {
            // A status this version cannot read (another orchestrator's): judged by its times alone.
            return null;
        }
    }
}
