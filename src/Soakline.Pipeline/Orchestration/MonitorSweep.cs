using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of one <see cref="MonitorSweepOrchestrator"/> pass.</summary>
public sealed record MonitorSweepRequest(RepositoryRef Repository, string SpecYaml);
