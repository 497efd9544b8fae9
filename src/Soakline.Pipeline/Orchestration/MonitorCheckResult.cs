using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <param name="IncidentChange">"opened", "updated", "resolved" or null when nothing changed.</param>
public sealed record MonitorCheckResult(string Name, MonitorCheckKind Kind, string Environment, bool Passed, string Detail, string? IncidentChange);
