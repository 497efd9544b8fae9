using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

public enum TransitionKind
{
    PipelineStarted,
    Ignored,
    SpecInvalid,
    GatePassed,
    GateFailed,
    GateTimedOut,
    Queued,
    Refused,
    EnvironmentAcquired,
    NothingToDeploy,
    Deployed,
    DeployFailed,
    HealthFailed,
    E2EPassed,
    E2EFailed,
    E2ERequirementNotMet,

    /// <summary>Production went ahead without a green E2E run: expedited, or overridden by a named person.</summary>
    E2ERequirementWaived,
    ApprovalRequested,
    ApprovalIgnored,
    Approved,
    Rejected,
    ApprovalExpired,
    StageStarted,
    StagePromoted,
    Breached,
    RollbackStarted,
    RolledBack,
    RollbackFailed,
    IncidentOpened,

    /// <summary>A release reached the whole environment: one successful deployment (DORA).</summary>
    Released,

    /// <summary>A release that reached users failed and was (or is being) undone: one failed change (DORA).</summary>
    ChangeFailed,

    /// <summary>Service is back on a good release after a <see cref="ChangeFailed"/> of the same pipeline (DORA).</summary>
    Restored,

    PipelineCompleted,

    /// <summary>
    /// The protection policy forbids what the push asked for; nothing was changed on any host. Last, because kinds are
    /// stored as numbers.
    /// </summary>
    PolicyRefused,

    /// <summary>The spec could not be read (source control not configured, repository not found, credentials refused).</summary>
    SpecUnavailable,

    /// <summary>The spec loaded with warnings (each with its field and line), such as a canary with nothing to analyse.</summary>
    SpecWarning,

    /// <summary>
    /// An environment run found this pipeline's decision for this environment and release already recorded (the engine
    /// created the run again) and went by it instead of asking again. Not a decision of its own: nothing counts it.
    /// </summary>
    DecisionHonoured,
}
