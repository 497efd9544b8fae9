using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <param name="Healthy">No health check failed; read it with <paramref name="HealthChecked"/>, false when nothing was checked (no health.url).</param>
public sealed record ComponentRollback(string Component, IReadOnlyList<string> Hosts, ReleaseId? Release, bool Succeeded, bool Healthy, string Detail, bool HealthChecked = true);
