namespace Soakline.Cli.Api;

/// <summary>The body of <c>POST /api/releases</c>, without <c>by</c>: the requester is the authenticated caller.</summary>
/// <param name="Branch">Null: the app uses the one branch of the clone that contains the commit.</param>
internal sealed record ReleaseRequest(string Repository, string Commit, string? Branch);
