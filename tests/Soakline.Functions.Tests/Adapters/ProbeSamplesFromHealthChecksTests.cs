using Soakline.Functions.Adapters.Probes;
using Soakline.Integrations.Metrics.Probes;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Adapters;

/// <summary>
/// The probe metrics fed from health checks: after a shift puts web-1 on the canary, web-1's health checks count for
/// the canary's population and web-2's for the stable one. A health check that names the release its host should
/// serve (the orchestrator's durable view) counts for that release, even in a fresh app that has seen no shift.
/// </summary>
public sealed class ProbeSamplesFromHealthChecksTests
{
    private static readonly ReleaseId Stable = ReleaseId.Create(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "aaaaaaa");
    private static readonly ReleaseId Canary = ReleaseId.Create(DateTimeOffset.Parse("2026-11-23T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "bbbbbbb");

    /// <summary>Also the fallback: these health checks name no release, so the router's record decides.</summary>
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
        var canaryErrors = await metrics.QueryAsync(ErrorRate(MetricScope.Canary, Canary), CancellationToken.None);
        var stableErrors = await metrics.QueryAsync(ErrorRate(MetricScope.Stable, Stable), CancellationToken.None);

        Assert.Equal(100, canaryErrors.Value);
        Assert.Equal(0, stableErrors.Value);
        Assert.Equal(Canary.Value, releases.Of("web-1"));
        Assert.Equal(Stable.Value, releases.Of("web-2"));
    }

    [Fact]
    public async Task After_a_restart_health_checks_naming_their_release_still_feed_that_release_s_metrics()
    {
        // A fresh app: no shift since the restart, so ServedReleases knows nothing; the durable request knows.
        var store = new ProbeSampleStore();
        var releases = new ServedReleases();
        var probe = new SamplingHealthProbe(new AnswerBy(_ => 200), store, releases, TimeProvider.System);

        await probe.CheckAsync(new HealthCheckRequest(new Uri("http://web-1:8080/health"), Attempts: 1, Release: Canary), CancellationToken.None);
        await probe.CheckAsync(new HealthCheckRequest(new Uri("http://web-2:8080/health"), Attempts: 1, Release: Stable), CancellationToken.None);

        var metrics = new ProbeMetricsProvider(store);
        var canaryErrors = await metrics.QueryAsync(ErrorRate(MetricScope.Canary, Canary), CancellationToken.None);
        var canaryLatency = await metrics.QueryAsync(new MetricQuery("latency-p95", "latency-p95", MetricScope.Canary, Canary.Value, DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromMinutes(1)), CancellationToken.None);
        var stableErrors = await metrics.QueryAsync(ErrorRate(MetricScope.Stable, Stable), CancellationToken.None);

        Assert.Equal(0, canaryErrors.Value);
        Assert.Equal(12, canaryLatency.Value);
        Assert.Equal(0, stableErrors.Value);
        Assert.Null(releases.Of("web-1"));
    }

    [Fact]
    public async Task The_release_a_health_check_names_wins_over_what_the_router_last_recorded()
    {
        var store = new ProbeSampleStore();
        var releases = new ServedReleases();
        releases.Set("web-1", Stable.Value);
        var probe = new SamplingHealthProbe(new AnswerBy(_ => 503), store, releases, TimeProvider.System);

        await probe.CheckAsync(new HealthCheckRequest(new Uri("http://web-1:8080/health"), Attempts: 1, Release: Canary), CancellationToken.None);

        var metrics = new ProbeMetricsProvider(store);
        Assert.Equal(100, (await metrics.QueryAsync(ErrorRate(MetricScope.Canary, Canary), CancellationToken.None)).Value);
        Assert.Null((await metrics.QueryAsync(ErrorRate(MetricScope.Stable, Stable), CancellationToken.None)).Value);
    }

    private static MetricQuery ErrorRate(MetricScope scope, ReleaseId release) =>
        new("error-rate", "error-rate", scope, release.Value, DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromMinutes(1));

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
