using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

/// <summary>A release that served (or serves) an environment and component, and the pipeline that delivered it.</summary>
public sealed record DeployedRelease(string Environment, string Component, ReleaseId Release, CommitRef? Commit, string PipelineId, DateTimeOffset Since);
