namespace Soakline.Functions.Dashboard;

/// <summary>
/// The dashboard's status colours: ok (green), info (blue, in progress), warn (amber, waits for a person), bad (red),
/// muted (grey). One mapping, so a colour means the same everywhere.
/// </summary>
internal static class StatusTone
{
    private static readonly HashSet<string> BadKinds = new(StringComparer.Ordinal)
    {
        "SpecInvalid", "SpecUnavailable", "PolicyRefused", "GateFailed", "GateTimedOut", "Refused", "DeployFailed", "HealthFailed", "E2EFailed",
        "E2ERequirementNotMet",
        "Rejected", "ApprovalExpired", "Breached", "RollbackStarted", "RolledBack", "RollbackFailed", "IncidentOpened", "ChangeFailed",
    };

    private static readonly HashSet<string> WarnKinds = new(StringComparer.Ordinal)
    {
        "Queued", "ApprovalRequested", "ApprovalIgnored", "E2ERequirementWaived", "SpecWarning",
    };

    private static readonly HashSet<string> OkKinds = new(StringComparer.Ordinal)
    {
        "GatePassed", "Deployed", "E2EPassed", "Approved", "StagePromoted", "Released", "Restored", "PipelineCompleted",
    };

    /// <summary>The transition kinds the incidents list shows.</summary>
    public static readonly IReadOnlySet<string> IncidentKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "Breached", "RollbackStarted", "RolledBack", "RollbackFailed", "IncidentOpened", "ChangeFailed",
    };

    public static string ForKind(string kind) =>
        BadKinds.Contains(kind) ? "bad" : WarnKinds.Contains(kind) ? "warn" : OkKinds.Contains(kind) ? "ok" : "info";

    /// <summary>
    /// A timeline entry's colour. <c>PipelineCompleted</c> says nothing good or bad by itself: its detail starts with the
    /// outcome ("RolledBack: ...", "Crashed: ..."), which colours it as the outcome badge does, so a rolled-back
    /// pipeline's last step is not green.
    /// </summary>
    public static string ForEntry(string kind, string? detail)
    {
        if (kind != "PipelineCompleted" || detail is null)
        {
            return ForKind(kind);
        }

        var separator = detail.IndexOf(": ", StringComparison.Ordinal);
        var outcome = separator > 0 ? detail[..separator] : string.Empty;
        return outcome.Length > 0 && outcome.All(char.IsAsciiLetter) ? ForOutcome(outcome) : ForKind(kind);
    }

    /// <summary>A pipeline's outcome: deployed or released is good, nothing done is neutral, every other ending is bad.</summary>
    public static string ForOutcome(string status) => status switch
    {
        "Released" or "Deployed" => "ok",
        "Ignored" or "NothingToDeploy" => "muted",
        _ => "bad",
    };

    public static string ForRuntime(string runtimeStatus) => runtimeStatus switch
    {
        "Running" => "info",
        "Completed" => "ok",
        "Failed" or "Terminated" => "bad",
        "Suspended" => "warn",
        _ => "muted",
    };

    /// <summary>Stages a finished run ends on (<see cref="Pipeline.Orchestration.FinalStages"/>) that mean something went wrong.</summary>
    private static readonly HashSet<string> BadStages = new(StringComparer.Ordinal)
    {
        "rolling-back", "rolled-back", "rollback-failed", "crashed", "rollback-incomplete", "deploy-failed", "failed", "gate-failed", "gate-timed-out",
        "spec-invalid", "spec-unavailable", "policy-refused", "refused", "rejected", "approval-expired", "e2e-required",
    };

    /// <summary>The same mapping as <c>stageTone</c> in dashboard.js, which recolours stages as they change.</summary>
    public static string ForStage(string? stage) => stage switch
    {
        null or "" => "muted",
        "awaiting-approval" or "queued" => "warn",
        "released" or "deployed" or "nothing-to-deploy" => "ok",
        "ignored" => "muted",
        _ when BadStages.Contains(stage) => "bad",
        _ when stage.StartsWith("completed", StringComparison.Ordinal) => "ok",
        _ => "info",
    };
}
