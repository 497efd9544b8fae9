namespace Soakline.Functions.Api;

/// <summary>A validated emergency rollback request; the starter completes it into the pipeline's RollbackOrder.</summary>
/// <param name="TargetRelease">Null: the previous release.</param>
internal sealed record EmergencyRollback(Pipeline.Domain.RepositoryRef Repository, string Environment, string Scope, string? Component, string? TargetRelease, string Reason, string RequestedBy);
