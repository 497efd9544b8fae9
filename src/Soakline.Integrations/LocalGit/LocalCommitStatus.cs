using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.LocalGit;

/// <summary>One commit status set through the local adapter, as kept in the clone's <c>soakline/commit-statuses.json</c>.</summary>
internal sealed record LocalCommitStatus(string Sha, string Context, CommitStatusState State, string Description, Uri? TargetUrl, DateTimeOffset At);
