using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of a <see cref="ReleaseOrchestrator"/>: one push to one branch.</summary>
/// <param name="SpecYaml">The spec text when it does not come from the commit (standalone mode, tests).</param>
/// <param name="OverrideE2E">Deploy to production even though the E2E run for this commit is not green (recorded).</param>
public sealed record PushEvent(
    RepositoryRef Repository,
    string Branch,
    string Sha,
    DateTimeOffset CommittedAt,
    string Author,
    string Message,
    string? SpecYaml = null,
    bool OverrideE2E = false)
{
    public CommitRef Commit => new(Repository, Sha, Branch);
}
