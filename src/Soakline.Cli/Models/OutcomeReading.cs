namespace Soakline.Cli.Models;

/// <summary>
/// How a finished pipeline ended, as the API reports it (<c>outcome</c>): a ReleaseStatus name (a RollbackStatus name
/// for a rollback's own id, <c>Crashed</c> or <c>Terminated</c> when the engine stopped it) and the sentence why.
/// </summary>
internal sealed record OutcomeReading(string Status, string Reason);
