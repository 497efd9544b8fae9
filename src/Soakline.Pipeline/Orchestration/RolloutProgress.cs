using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Where a rollout stands when the production orchestrator continues as new (after every stage and every few
/// analyses). A soak of hours with an analysis a minute would otherwise grow one history without bound, and every
/// replay would read all of it; continuing as new keeps each execution's history short.
/// </summary>
/// <param name="StageIndex">The stage being soaked, or the next stage to start when <paramref name="Soak"/> is null.</param>
/// <param name="Switched">Per component, the hosts that run the new release (exactly what a rollback must undo).</param>
/// <param name="RoutingBefore">Per component, the routing to restore on rollback.</param>
/// <param name="Approval">
/// The approval gate's record, carried into the next execution's custom status so decision endpoints can still say who
/// approved, and when, while the rollout runs.
/// </param>
/// <param name="EffectivePercent">
/// The share of traffic the router reported it applied at the last shift (the smallest over the components), so the
/// next execution's status starts from the traffic that is really routed; null before the first shift.
/// </param>
public sealed record RolloutProgress(
    int StageIndex,
    SoakState? Soak,
    string ArtifactPath,
    IReadOnlyList<ComponentChange> Changes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Switched,
    IReadOnlyDictionary<string, TrafficState> RoutingBefore,
    DeploymentRef? Deployment = null,
    ApprovalState? Approval = null,
    double? EffectivePercent = null);
