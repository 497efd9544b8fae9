namespace Soakline.Integrations.LocalGit;

/// <summary>A commit of a local clone, resolved to its full SHA and the branch it is released from.</summary>
public sealed record LocalCommit(string Sha, string Branch, DateTimeOffset CommittedAt, string Author, string Message);
