using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Webhooks;

/// <summary>A push to a branch, as much of it as a release needs.</summary>
public sealed record PushReceived(RepositoryRef Repository, string Branch, string Sha, DateTimeOffset CommittedAt, string Author, string Message)
{
    public CommitRef Commit => new(Repository, Sha, Branch);
}
