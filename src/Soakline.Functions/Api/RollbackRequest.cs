namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/environments/{env}/rollback</c>.</summary>
/// <param name="Scope">"all", "component" or "canary".</param>
/// <param name="Target">"previous" (default) or a release id to go back to.</param>
/// <param name="By">Refused (400) when present: the requester is the authenticated caller.</param>
internal sealed record RollbackBody(string? Repository, string? Scope, string? Component, string? Target, string? Reason, string? By = null);
