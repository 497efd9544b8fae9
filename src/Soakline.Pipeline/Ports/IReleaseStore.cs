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
