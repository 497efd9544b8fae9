namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The stage a finished run's custom status ends on, one per outcome, so a finished pipeline never keeps showing the
/// step it happened to be in ("deploying", "rolling-back", a soak countdown) when it ended.
/// </summary>
internal static class FinalStages
{
    public const string Released = "released";
    public const string Deployed = "deployed";
    public const string RolledBack = "rolled-back";
    public const string DeployFailed = "deploy-failed";

    /// <summary>A rollout's rollback did not restore every host: some may still run the new release.</summary>
    public const string RollbackIncomplete = "rollback-incomplete";

    /// <summary>The stage name of an outcome: its <see cref="ReleaseStatus"/> in kebab case ("rolled-back", "approval-expired").</summary>
    public static string Of(ReleaseStatus status) => status switch
    {
        ReleaseStatus.Released => Released,
        ReleaseStatus.Deployed => Deployed,
        ReleaseStatus.RolledBack => RolledBack,
        ReleaseStatus.DeployFailed => DeployFailed,
        ReleaseStatus.GateFailed => "gate-failed",
        ReleaseStatus.GateTimedOut => "gate-timed-out",
        ReleaseStatus.SpecInvalid => "spec-invalid",
        ReleaseStatus.SpecUnavailable => "spec-unavailable",
        ReleaseStatus.NothingToDeploy => "nothing-to-deploy",
        ReleaseStatus.E2ERequirementNotMet => "e2e-required",
        ReleaseStatus.ApprovalExpired => "approval-expired",
        ReleaseStatus.PolicyRefused => "policy-refused",
        ReleaseStatus.Refused => "refused",
        ReleaseStatus.Rejected => "rejected",
        ReleaseStatus.Ignored => "ignored",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The share of traffic the run's release keeps once it ended: all of it when it went out, none otherwise.</summary>
    public static int TrafficOf(ReleaseStatus status) => status is ReleaseStatus.Released or ReleaseStatus.Deployed ? 100 : 0;

    /// <summary>
    /// The custom status of a run that ended with <paramref name="outcome"/>: no soak, no requested share, where it
    /// ended, and the typed outcome. After an incomplete rollback the share is not known to be 0, so the last one shown stays.
    /// </summary>
    public static PipelineStatus Ended(PipelineStatus status, ReleaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(outcome);
        var incomplete = outcome.FinalStage == RollbackIncomplete;
        return status with
        {
            Stage = outcome.FinalStage ?? Of(outcome.Status),
            TrafficPercent = incomplete ? status.TrafficPercent : TrafficOf(outcome.Status),
            RequestedPercent = null,
            SoakRemaining = null,
            Serving = incomplete ? null : outcome.Serving?.Value ?? status.Serving,
            Detail = $"{outcome.Status}: {outcome.Detail}",
            Outcome = PipelineOutcome.Of(outcome),
        };
    }
}
