using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of a <see cref="RollbackOrchestrator"/>: automatic (a breach, exact targets) or emergency (by scope).</summary>
/// <param name="TargetRelease">Emergency only: a release id to go back to; null means the previous release.</param>
/// <param name="Targets">Automatic only: exactly the hosts that were changed, and the release and routing to restore.</param>
/// <param name="FailedPipelineId">The pipeline whose release is undone, for the audit trail and DORA.</param>
public sealed record RollbackOrder(
    RepositoryRef Repository,
    string Environment,
    RollbackScope Scope,
    string Reason,
    string RequestedBy,
    string SpecYaml,
    string? Component = null,
    string? TargetRelease = null,
    IReadOnlyList<RollbackTarget>? Targets = null,
    string? FailedPipelineId = null);

public enum RollbackScope
{
    All,
    Component,

    /// <summary>Abort the running canary: its pipeline rolls back exactly the hosts it changed.</summary>
    Canary,
}

public sealed record RollbackTarget(string Component, IReadOnlyList<string> Hosts, ReleaseId? ToRelease, TrafficState? RestoreTraffic);

public sealed record RollbackOutcome(RollbackStatus Status, string Detail, IReadOnlyList<ComponentRollback> Components, IncidentRef? Incident = null);

/// <param name="Healthy">No health check failed; read it with <paramref name="HealthChecked"/>, false when nothing was checked (no health.url).</param>
public sealed record ComponentRollback(string Component, IReadOnlyList<string> Hosts, ReleaseId? Release, bool Succeeded, bool Healthy, string Detail, bool HealthChecked = true);

public enum RollbackStatus
{
    RolledBack,

    /// <summary>Some host did not switch back or is unhealthy afterwards: people must look now.</summary>
    Failed,

    /// <summary>The order was invalid or unsafe; nothing was changed.</summary>
    Refused,

    /// <summary>Scope canary: the running pipeline was told to abort and roll back its canary.</summary>
    AbortRequested,

    NothingToRollBack,
}

/// <summary>The payload of the <c>abort</c> event a running production pipeline listens for during soaks.</summary>
public sealed record AbortRequest(string Reason, string RequestedBy);
