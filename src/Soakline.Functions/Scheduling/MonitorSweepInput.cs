using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Scheduling;

/// <summary>The monitor sweep orchestrator's input (same JSON shape as the pipeline's MonitorSweepRequest).</summary>
public sealed record MonitorSweepInput(RepositoryRef Repository, string SpecYaml);
