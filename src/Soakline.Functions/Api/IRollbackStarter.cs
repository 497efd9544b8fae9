namespace Soakline.Functions.Api;

/// <summary>Starts an emergency rollback of an environment.</summary>
internal interface IRollbackStarter
{
    /// <returns>The rollback's instance id, or null when no pipeline has run on the environment (nothing to roll back).</returns>
    Task<string?> StartAsync(EmergencyRollback rollback, CancellationToken cancellationToken);
}
