namespace Soakline.Pipeline.Ports;

/// <summary>
/// Incidents as tracked issues (GitHub issues): one open issue per incident key, updated with comments while it
/// lasts, closed on recovery.
/// </summary>
public interface IIncidentTracker
{
    /// <summary>Opens the incident for <see cref="IncidentReport.Key"/>, or comments on the open one.</summary>
    Task<IncidentRef> OpenOrUpdateAsync(IncidentReport report, CancellationToken cancellationToken);

    /// <summary>Closes the open incident for a key, if any, with a resolution note.</summary>
    Task<bool> ResolveAsync(string key, string resolution, CancellationToken cancellationToken);
}
