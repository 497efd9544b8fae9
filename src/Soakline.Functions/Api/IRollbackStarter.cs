namespace Soakline.Functions.Api;

/// <summary>Starts an emergency rollback of an environment.</summary>
public interface IRollbackStarter
{
    /// <returns>The rollback's instance id.</returns>
    Task<string> StartAsync(EmergencyRollback rollback, CancellationToken cancellationToken);
}
