using Soakline.Demo.Kit.App;

namespace Soakline.Demo.Kit.Scenario;

/// <summary>How each of the demo's pipelines ended; <see cref="Succeeded"/> is what <c>./run demo</c> exits on.</summary>
public sealed record DemoOutcome(PipelineResult Staging, PipelineResult First, PipelineResult Canary, PipelineResult BadRelease, int Incidents, DemoCommits Commits)
{
    public bool StagingDeployed => Staging.Outcome.StartsWith("Deployed", StringComparison.Ordinal);

    public bool FirstReleased => First.Outcome.StartsWith("Released", StringComparison.Ordinal);

    public bool CanaryPromoted => Canary.Outcome.StartsWith("Released", StringComparison.Ordinal) && Canary.TimelineKinds.Contains("StagePromoted");

    public bool BadReleaseRolledBack => BadRelease.Outcome.StartsWith("RolledBack", StringComparison.Ordinal) && Incidents > 0;

    public bool Succeeded => StagingDeployed && FirstReleased && CanaryPromoted && BadReleaseRolledBack;
}

/// <summary>The commits the demo pushed: develop's, the first release, the good 1.1.0 and the bad 1.2.0.</summary>
public sealed record DemoCommits(string Develop, string First, string Good, string Bad);
