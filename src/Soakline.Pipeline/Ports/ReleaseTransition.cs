using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

/// <summary>One recorded step of a pipeline: what happened, to what, when, and who decided.</summary>
/// <param name="Id">Unique per transition and the same when a re-run episode records it again (<see cref="Orchestration.TransitionIds"/>): the store keeps one transition per id.</param>
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
