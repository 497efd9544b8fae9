using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of one <see cref="MonitorSweepOrchestrator"/> pass.</summary>
public sealed record MonitorSweepRequest(RepositoryRef Repository, string SpecYaml);

public sealed record MonitorSweepOutcome(IReadOnlyList<MonitorCheckResult> Checks)
{
    public bool AllPassed => Checks.All(c => c.Passed);
}

/// <param name="IncidentChange">"opened", "updated", "resolved" or null when nothing changed.</param>
public sealed record MonitorCheckResult(string Name, MonitorCheckKind Kind, string Environment, bool Passed, string Detail, string? IncidentChange);
