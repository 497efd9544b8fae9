using Soakline.Functions.Webhooks;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Releases;

/// <summary>
/// The release orchestrator's input for one push. Same JSON shape as the pipeline's <c>PushEvent</c> (repository,
/// branch, sha, committedAt, author, message), so the orchestrator reads it unchanged.
/// </summary>
public sealed record ReleaseInput(RepositoryRef Repository, string Branch, string Sha, DateTimeOffset CommittedAt, string Author, string Message)
{
    public static ReleaseInput From(PushReceived push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return new ReleaseInput(push.Repository, push.Branch, push.Sha, push.CommittedAt, push.Author, push.Message);
    }
}
