using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Orchestration;

/// <summary>How a pipeline (or one of its environment stages) ended.</summary>
/// <param name="Serving">
/// The release serving the environment after the run: the new one once released or deployed, the one it went back to
/// after a rollback; null when the run changed nothing (or, for outcomes recorded before this field, unknown).
/// </param>
/// <param name="FinalStage">
/// The stage the environment run ended on when its outcome's usual one (<see cref="FinalStages.Of"/>) would say more
/// than happened: "rollback-incomplete" for a rollout whose rollback did not restore every host. The pipeline's status
/// ends on the same stage.
/// </param>
public sealed record ReleaseOutcome(ReleaseStatus Status, string Detail, string? Environment = null, ReleaseId? Release = null, ReleaseId? Serving = null, string? FinalStage = null);
