using Soakline.Integrations.Metrics.Probes;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters.Probes;

/// <summary>
/// The health probe, keeping every check it makes as a probe sample (status and latency, tagged with the release the
/// host serves): the <c>probe</c> metrics (error rate, latency percentiles) of a soak are computed from the health
/// checks the analysis runs on the canary hosts every interval, the orchestrator's own view of the release.
/// The release a request names wins over <see cref="ServedReleases"/>: it comes from durable history, while the
/// in-memory map is empty after the app restarts until the router next shifts traffic.
/// </summary>
internal sealed class SamplingHealthProbe(IHealthProbe inner, ProbeSampleStore store, ServedReleases releases, TimeProvider timeProvider) : IHealthProbe
{
    public async Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await inner.CheckAsync(request, cancellationToken).ConfigureAwait(false);
        var host = request.Url.Host;
        var release = request.Release?.Value ?? releases.Of(host);
        store.Add(new ProbeSample(timeProvider.GetUtcNow(), host, release, result.Healthy, result.LastLatency, result.LastStatusCode));
        return result;
    }
}
