namespace Soakline.Demo.Kit.App;

/// <summary>How a followed pipeline ended.</summary>
/// <param name="Outcome">The release orchestrator's last detail, e.g. "Released: ..." or "RolledBack: ...".</param>
public sealed record PipelineResult(string InstanceId, string RuntimeStatus, string Outcome, TimeSpan Duration, IReadOnlyList<string> TimelineKinds);
