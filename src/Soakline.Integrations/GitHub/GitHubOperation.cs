namespace Soakline.Integrations.GitHub;

/// <summary>
/// Describes one GitHub call for error messages: what was attempted, on which repository, and the permission it needs,
/// so a 403 or 404 can tell the user exactly what to grant.
/// </summary>
/// <param name="Permission">The GitHub App permission, e.g. <c>checks: read</c>; the matching token scope is usually <c>repo</c>.</param>
public sealed record GitHubOperation(string Description, string Repository, string Permission);
