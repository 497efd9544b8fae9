using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// Which approval decision an environment run looks for before it asks: one recorded by this pipeline, for this
/// environment and this release. All three must match; a decision for anything else does not count.
/// </summary>
public sealed record RecordedDecisionQuery(string PipelineId, string Environment, ReleaseId Release);
