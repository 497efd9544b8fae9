namespace Soakline.Cli.Api;

/// <summary>The body of an emergency rollback, without <c>by</c>: the requester is the authenticated caller.</summary>
/// <param name="Scope">"all", "component" or "canary".</param>
/// <param name="Target">"previous" or a release id (yyyyMMddTHHmmssZ-sha).</param>
internal sealed record RollbackRequest(string Repository, string Scope, string? Component, string Target, string Reason);
