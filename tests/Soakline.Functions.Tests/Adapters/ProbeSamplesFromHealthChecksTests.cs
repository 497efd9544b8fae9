using Soakline.Functions.Adapters.Probes;
using Soakline.Integrations.Metrics.Probes;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Adapters;

/// <summary>
/// The probe metrics fed from health checks: after a shift puts web-1 on the canary, web-1's health checks count for
/// the canary's population and web-2's for the stable one.
/// </summary>
public sealed class ProbeSamplesFromHealthChecksTests
{
    private static readonly ReleaseId Stable = ReleaseId.Create(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "aaaaaaa");
    private static readonly ReleaseId Canary = ReleaseId.Create(DateTimeOffset.Parse("2026-11-23T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "bbbbbbb");

    [Fact]
    public async Task Health_checks_after_a_shift_become_samples_of_the_release_each_host_serves()
    {
        var store = new ProbeSampleStore();
        var releases = new ServedReleases();
        var router = new ReleaseTrackingRouter(new FixedRouter(), releases);
        var probe = new SamplingHealthProbe(new AnswerBy(host => host == "web-1" ? 503 : 200), store, releases, TimeProvider.System);
        var target = new ComponentTarget("app", "app", [], null, null, new Dictionary<string, string>());

        await router.ShiftAsync(new TrafficShift(target, ["web-1", "web-2"], Stable, Canary, 5), CancellationToken.None);
        foreach (var host in new[] { "web-1", "web-2", "web-1" })
        {
            await probe.CheckAsync(new HealthCheckRequest(new Uri($"http://{host}:8080/health"), Attempts: 1), CancellationToken.None);
        }

        var metrics = new ProbeMetricsProvider(store);
        var canaryErrors = await metrics.QueryAsync(new MetricQuery("error-rate", "error-rate", MetricScope.Canary, Canary.Value, DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromMinutes(1)), CancellationToken.None);
        var stableErrors = await metrics.QueryAsync(new MetricQuery("error-rate", "error-rate", MetricScope.Stable, Stable.Value, DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromMinutes(1)), CancellationToken.None);

        Assert.Equal(100, canaryErrors.Value);
        Assert.Equal(0, stableErrors.Value);
        Assert.Equal(Canary.Value, releases.Of("web-1"));
        Assert.Equal(Stable.Value, releases.Of("web-2"));
    }

    /// <summary>A router that puts the first host on the canary.</summary>
    private sealed class FixedRouter : ITrafficRouter
    {
        public Task<TrafficState> ShiftAsync(TrafficShift shift, CancellationToken cancellationToken) =>
            Task.FromResult(new TrafficState(shift.Target.Component, shift.Percent, 50, shift.StableRelease, shift.CanaryRelease, [shift.Hosts[0]], shift.Hosts, shift.Target));

        public Task<TrafficState> RestoreAsync(TrafficState previous, CancellationToken cancellationToken) => Task.FromResult(previous);
    }

    private sealed class AnswerBy(Func<string, int> status) : IHealthProbe
    {
        public Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken)
        {
            var code = status(request.Url.Host);
            return Task.FromResult(new HealthCheckResult(request.Url, code == 200, 1, code, TimeSpan.FromMilliseconds(12)));
        }
    }
}
