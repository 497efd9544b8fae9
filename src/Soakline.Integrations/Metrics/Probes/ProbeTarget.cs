namespace Soakline.Integrations.Metrics.Probes;

/// <summary>A health URL the sampler probes, tagged with the version it serves so canary and stable can be told apart.</summary>
public sealed record ProbeTarget(string Name, Uri Url, string? Version);
