using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Api;

/// <summary>
/// Starts the pipeline's rollback orchestrator for an emergency rollback. The order needs the pipeline spec: it is the
/// one the environment's latest run used (its input carries the spec text), so the rollback acts on the components and
/// hosts that run was deployed with.
/// </summary>
internal sealed class DurableRollbackStarter(DurableTaskClient client) : IRollbackStarter
{
    public async Task<string?> StartAsync(EmergencyRollback rollback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        if (await LatestRunAsync(rollback, cancellationToken) is not { } run)
        {
            return null;
        }

        var order = new RollbackOrder(
            rollback.Repository,
            rollback.Environment,
            Enum.Parse<RollbackScope>(rollback.Scope, ignoreCase: true),
            rollback.Reason,
            rollback.RequestedBy,
            run.SpecYaml,
            rollback.Component,
            rollback.TargetRelease);
        var id = PipelineInstanceIds.ForRollback(rollback.Repository, rollback.Environment, Guid.NewGuid());
        return await client.ScheduleNewOrchestrationInstanceAsync(nameof(RollbackOrchestrator), order, new StartOrchestrationOptions(id), cancellationToken);
    }

    /// <summary>The newest environment run (<c>{pipeline}:{environment}</c>) of the repository for this environment.</summary>
    private async Task<PipelineRun?> LatestRunAsync(EmergencyRollback rollback, CancellationToken cancellationToken)
    {
        var suffix = PipelineInstanceIds.ForEnvironmentRun(string.Empty, rollback.Environment);
        var query = new OrchestrationQuery(InstanceIdPrefix: Releases.ReleaseInstanceIds.PrefixFor(rollback.Repository), FetchInputsAndOutputs: true);
        OrchestrationMetadata? latest = null;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId.EndsWith(suffix, StringComparison.Ordinal) && instance.SerializedInput is not null && (latest is null || instance.CreatedAt > latest.CreatedAt))
            {
                latest = instance;
            }
        }

        return latest?.ReadInputAs<PipelineRun>();
    }
}
