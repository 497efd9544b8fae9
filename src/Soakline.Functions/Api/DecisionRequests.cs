namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/pipelines/{id}/approve</c> and <c>/reject</c>.</summary>
/// <param name="By">
/// Refused (400) when present: the decider is the authenticated caller. Kept only so a client that still names a
/// decider learns that it does not, instead of having the name silently dropped.
/// </param>
internal sealed record DecisionBody(string? Comment, string? By = null);
