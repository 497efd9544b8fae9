using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Configuration;
using Soakline.Functions.Observability;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// Schedules the monitor sweep orchestrator for the configured repository and spec, one instance per occurrence
/// (<c>monitor:owner:name:yyyyMMddTHHmmssZ</c>): a second trigger for the same instant finds it and does nothing.
/// </summary>
internal sealed class DurableMonitorSweepStarter(DurableTaskClient client, AppSettings settings, ILogger<DurableMonitorSweepStarter> logger) : IMonitorSweepStarter
{
    public const string OrchestratorName = nameof(MonitorSweepOrchestrator);

    public async Task<string?> StartAsync(DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        if (settings.MonitorRepository is not { } repository || settings.MonitorSpecPath is not { } specPath)
        {
            logger.LogDebug("Monitor occurrence {Occurrence:O} skipped: {Repository} and {SpecPath} are not both set", occurrence, SettingNames.MonitorRepository, SettingNames.MonitorSpecPath);
            return null;
        }

        var instanceId = PipelineInstanceIds.ForMonitorSweep(repository, occurrence);
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return instanceId;
        }

        var spec = await File.ReadAllTextAsync(specPath, cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorName, new MonitorSweepRequest(repository, spec), new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The other monitor timer started this occurrence a moment ago.
            return instanceId;
        }

        SoaklineTelemetry.MonitorSweeps.Add(1);
        logger.LogInformation("Monitor sweep {InstanceId} started for {Occurrence:O}", instanceId, occurrence);
        return instanceId;
    }
}
