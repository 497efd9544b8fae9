using System.Globalization;
using Soakline.Durable;

namespace Soakline.Functions.Api;

/// <summary>Schedules the pipeline's rollback orchestrator with a fresh id per request (two requests are two rollbacks).</summary>
public sealed class DurableRollbackStarter(DurableTaskClient client, TimeProvider clock) : IRollbackStarter
{
    public const string OrchestratorName = "RollbackOrchestrator";

    public async Task<string> StartAsync(EmergencyRollback rollback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollback);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var id = string.Join('~', "rollback:" + rollback.Repository.Owner, rollback.Repository.Name, rollback.Environment, stamp, Guid.NewGuid().ToString("N")[..8]);
        return await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorName, rollback, new StartOrchestrationOptions(id), cancellationToken);
    }
}
