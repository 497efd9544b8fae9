using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// The audit trail and the state that outlives one pipeline: every transition a pipeline makes, which release serves
/// each environment and component, and which pipeline may change an environment right now.
/// </summary>
/// <remarks>
/// Activities run at least once, so <see cref="RecordAsync"/> must ignore a transition whose <see cref="ReleaseTransition.Id"/>
/// it has already stored. The DORA figures are computed from the recorded transitions (<see cref="Dora.DoraCalculator"/>).
/// </remarks>
public interface IReleaseStore
{
    Task RecordAsync(ReleaseTransition transition, CancellationToken cancellationToken);

    /// <summary>Transitions in the order they were recorded, filtered by the query.</summary>
    Task<IReadOnlyList<ReleaseTransition>> GetTransitionsAsync(TransitionQuery query, CancellationToken cancellationToken);

    /// <summary>The release serving an environment and component: the latest <see cref="TransitionKind.Deployed"/> or <see cref="TransitionKind.RolledBack"/>.</summary>
    Task<DeployedRelease?> GetCurrentReleaseAsync(string environment, string component, CancellationToken cancellationToken);

    /// <summary>Distinct releases that have served an environment and component, newest first (the current one first).</summary>
    Task<IReadOnlyList<DeployedRelease>> GetReleaseHistoryAsync(string environment, string component, CancellationToken cancellationToken);

    /// <summary>
    /// Asks for the right to change an environment. Idempotent for the holder. When busy, <see cref="ConcurrencyMode.Queue"/>
    /// puts the asker in a first-come queue (asking again later acquires once it is at the head);
    /// <see cref="ConcurrencyMode.Refuse"/> answers no and remembers nothing.
    /// </summary>
    Task<EnvironmentLease> AcquireEnvironmentAsync(string environment, string holder, ConcurrencyMode mode, CancellationToken cancellationToken);

    /// <summary>Gives the environment up (or leaves its queue); harmless when not held.</summary>
    Task ReleaseEnvironmentAsync(string environment, string holder, CancellationToken cancellationToken);
}

/// <param name="Holder">Who holds the environment now (the asker when acquired).</param>
/// <param name="QueuePosition">1-based position in the queue when waiting; 0 otherwise.</param>
public sealed record EnvironmentLease(bool Acquired, string? Holder, int QueuePosition);

public sealed record TransitionQuery(string? Environment = null, string? PipelineId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>A release that served (or serves) an environment and component, and the pipeline that delivered it.</summary>
public sealed record DeployedRelease(string Environment, string Component, ReleaseId Release, CommitRef? Commit, string PipelineId, DateTimeOffset Since);

/// <summary>One recorded step of a pipeline: what happened, to what, when, and who decided.</summary>
/// <param name="Id">Unique per transition (from the orchestration's deterministic <c>NewGuid</c>), for deduplication.</param>
/// <param name="PipelineId">The instance id of the pipeline that delivered the release concerned.</param>
/// <param name="CommittedAt">On <see cref="TransitionKind.PipelineStarted"/> and <see cref="TransitionKind.Released"/>: when the change was committed (lead time).</param>
public sealed record ReleaseTransition(
    string Id,
    string PipelineId,
    string Environment,
    TransitionKind Kind,
    DateTimeOffset At,
    string Detail,
    CommitRef? Commit = null,
    string? Component = null,
    ReleaseId? Release = null,
    IReadOnlyList<string>? Hosts = null,
    string? Actor = null,
    DateTimeOffset? CommittedAt = null);

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
}
