namespace Soakline.Functions.Approvals;

/// <summary>A decision on a release waiting for approval, as an endpoint hands it to <see cref="DecisionDesk"/>.</summary>
/// <param name="Id">A pipeline id (the API) or the environment run's id (an approval link).</param>
/// <param name="By">The authenticated decider (or the approver the link was issued to).</param>
/// <param name="DecisionId">
/// Identifies this decision to the gate; raising the same id again decides nothing twice (an approval link's id is
/// derived from its token, so retrying the link is idempotent).
/// </param>
internal sealed record DecisionCall(string Id, bool Approve, string By, string? Comment, string DecisionId);
