namespace Soakline.Functions.Api;

/// <summary>The body of <c>POST /api/releases</c>: a commit of a locally served repository to release.</summary>
/// <param name="Commit">The commit's SHA, 7 to 40 hex digits.</param>
/// <param name="Branch">The branch it is released from; optional when exactly one branch of the clone contains it.</param>
/// <param name="By">Refused (400) when present: the requester is the authenticated caller.</param>
internal sealed record ReleaseBody(string? Repository, string? Commit, string? Branch = null, string? By = null);
