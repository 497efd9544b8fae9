using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// What the release orchestrator hands to the staging or production orchestrator. The spec travels as its YAML text
/// and is parsed again (deterministically) by the child, so durable history holds text, not a serialized model.
/// </summary>
/// <param name="PipelineId">The release orchestrator's instance id: the pipeline every transition belongs to.</param>
/// <param name="Progress">Set when the production orchestrator continues a rollout as new; null on the first execution.</param>
/// <param name="Approvers">
/// Who may decide this run: the spec's approvers narrowed by the protection policy (trusted configuration). The release
/// orchestrator sets it; null only for runs started before the policy existed, which fall back to the spec's list.
/// </param>
/// <param name="HonoursRecordedDecision">
/// True when the approval gate first looks for this pipeline's decision already recorded for this environment and
/// release (<see cref="Activities.GetRecordedDecisionActivity"/>). The release orchestrator sets it; runs started
/// before that step existed carry false and skip it, so replaying their histories meets no activity they never called.
/// </param>
public sealed record PipelineRun(
    string PipelineId,
    CommitRef Commit,
    string SpecYaml,
    string Environment,
    BranchMode Mode,
    ReleaseId Release,
    DateTimeOffset CommittedAt,
    string Author,
    string Message,
    bool OverrideE2E,
    RolloutProgress? Progress = null,
    IReadOnlyList<string>? Approvers = null,
    bool HonoursRecordedDecision = false);
