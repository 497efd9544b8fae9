using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

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
