using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Orchestration;

public enum ReleaseStatus
{
    Ignored,
    SpecInvalid,
    GateFailed,
    GateTimedOut,
    Refused,
    NothingToDeploy,

    /// <summary>Staging runs the release (E2E is informational and reported in the detail).</summary>
    Deployed,

    /// <summary>The deploy or its health checks failed; the environment is back on its previous release.</summary>
    DeployFailed,

    E2ERequirementNotMet,
    Rejected,
    ApprovalExpired,

    /// <summary>Production runs the release on every host.</summary>
    Released,

    /// <summary>The rollout was aborted (breach or emergency) and rolled back.</summary>
    RolledBack,

    /// <summary>
    /// The protection policy forbids what the push asked for; the detail says why. Nothing was deployed. Last, because
    /// outcomes in durable history are numbers.
    /// </summary>
    PolicyRefused,

    /// <summary>
    /// The spec could not be read at the commit (no source control configured, repository not found or not visible,
    /// credentials refused, or the host still failing after retries); the detail says which. Nothing was deployed.
    /// </summary>
    SpecUnavailable,

    /// <summary>
    /// The pipeline itself broke: a step (an activity past its retries, or an environment run) failed outside the
    /// paths that handle failure (a rollout rolls back instead). The detail names the step and its error
    /// (<see cref="FailureSentence"/>); the environment was given back. Appended: outcomes in history are numbers.
    /// </summary>
    Crashed,
}
