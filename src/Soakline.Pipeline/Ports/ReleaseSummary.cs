using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>What an approval request tells the approver.</summary>
/// <param name="ChangedPaths">Every path changed since the commit the environment's current release came from.</param>
/// <param name="StagingResult">Whether (and when) this commit was deployed to staging; null when nobody looked.</param>
/// <param name="FirstReleases">Components with no earlier release in the environment: nothing to compare their paths with.</param>
public sealed record ReleaseSummary(
    CommitRef Commit,
    string Environment,
    string Author,
    string Message,
    IReadOnlyList<string> Components,
    IReadOnlyList<string> ChangedPaths,
    string? StagingResult,
    string? E2EResult,
    IReadOnlyList<string>? FirstReleases = null);
