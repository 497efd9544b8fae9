using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Observability;
using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Logging;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Releases;

/// <summary>
/// Schedules the release orchestration under the push's deterministic instance id. An instance that already exists,
/// running or finished, means GitHub redelivered the push: nothing new is started.
/// </summary>
internal sealed class DurableReleaseStarter(DurableTaskClient client, ILogger<DurableReleaseStarter> logger) : IReleaseStarter
{
    /// <summary>The orchestrator the pipeline registers for one push.</summary>
    public const string OrchestratorName = nameof(ReleaseOrchestrator);

    public async Task<ReleaseStart> StartAsync(PushReceived push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        var instanceId = PipelineInstanceIds.ForPush(push.Commit);
        using var scope = logger.BeginScope(new KeyValueScope(("InstanceId", instanceId), ("Commit", push.Sha)));

        // The engine replaces a terminal instance on start; a redelivery after the run finished must not start it again.
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            logger.LogInformation("Release {InstanceId} for {Commit} already exists; redelivery ignored", instanceId, push.Sha);
            return new ReleaseStart(instanceId, false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrchestratorName,
                new PushEvent(push.Repository, push.Branch, push.Sha, push.CommittedAt, push.Author, push.Message),
                new StartOrchestrationOptions(instanceId),
                cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Two deliveries of one push raced past the check above; the other one started it.
            logger.LogInformation("Release {InstanceId} for {Commit} was started concurrently; redelivery ignored", instanceId, push.Sha);
            return new ReleaseStart(instanceId, false);
        }

        SoaklineTelemetry.PipelinesStarted.Add(1, new KeyValuePair<string, object?>("branch", push.Branch));
        logger.LogInformation("Started release {InstanceId} for {Repository}@{Branch} commit {Commit}", instanceId, push.Repository.FullName, push.Branch, push.Sha);
        return new ReleaseStart(instanceId, true);
    }
}
