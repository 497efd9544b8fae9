using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>Defaults follow the seeds: 10 attempts, 5 seconds apart.</summary>
/// <param name="Release">
/// The release the orchestrator expects the host to be serving, when it knows (just deployed, the canary under soak,
/// the release rolled back to). It travels in durable history, so it survives a restart of the app that probes; a
/// probe that records samples tags them with it. Null in history written before it existed.
/// </param>
public sealed record HealthCheckRequest(Uri Url, int Attempts = 10, TimeSpan? Delay = null, TimeSpan? Timeout = null, ReleaseId? Release = null)
{
    public TimeSpan EffectiveDelay => Delay ?? TimeSpan.FromSeconds(5);
}
