using Microsoft.Extensions.Time.Testing;
using Soakline.Integrations.Metrics.Probes;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.Metrics;

public sealed class ProbeMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
    private readonly HttpApiServer _server = HttpApiServer.StartHttp();
    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly ProbeSampleStore _store = new();

    public ProbeMetricsTests()
    {
        _server.Server.Given(Request.Create().WithPath("/stable/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
        _server.Server.Given(Request.Create().WithPath("/canary/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(503).WithBody("down"));
        _server.Server.Given(Request.Create().WithPath("/hanging/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(1)));
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Sampler_probes_every_target_and_tags_samples_with_their_version()
    {
        var sampler = Sampler();
        sampler.Track(new ProbeTarget("api-stable", new Uri(_server.BaseUrl, "stable/health"), "v1"));
        sampler.Track(new ProbeTarget("api-canary", new Uri(_server.BaseUrl, "canary/health"), "v2"));

        for (var i = 0; i < 3; i++)
        {
            await sampler.SampleOnceAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        var provider = new ProbeMetricsProvider(_store);
        var canary = await provider.QueryAsync(Query("error-rate", MetricScope.Canary, "v2"), CancellationToken.None);
        var stable = await provider.QueryAsync(Query("error-rate", MetricScope.Stable, "v1"), CancellationToken.None);
        var all = await provider.QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None);

        Assert.Equal(100, canary.Value);
        Assert.Equal(0, stable.Value);
        Assert.Equal(50, all.Value);
        Assert.Equal("6 probes", all.Detail);
        Assert.Equal(6, _server.Requests.Count);
        Assert.All(_store.Between(Start, Start.AddMinutes(1), "v2"), s => Assert.Equal(503, s.StatusCode));
    }

    [Fact]
    public async Task The_background_loop_samples_on_every_tick_of_the_clock()
    {
        var sampler = Sampler();
        sampler.Track(new ProbeTarget("api-stable", new Uri(_server.BaseUrl, "stable/health"), "v1"));
        using var stop = new CancellationTokenSource();

        var loop = sampler.RunAsync(TimeSpan.FromSeconds(15), stop.Token);
        await WaitForRequestsAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await WaitForRequestsAsync(2);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await WaitForRequestsAsync(3);
        await stop.CancelAsync();
        await loop;

        var samples = _store.Between(Start, Start.AddMinutes(1), "v1");
        Assert.Equal([Start, Start.AddSeconds(15), Start.AddSeconds(30)], samples.Select(s => s.At));
    }

    [Fact]
    public async Task A_probe_that_times_out_is_a_failure()
    {
        var sampler = Sampler(TimeSpan.FromMilliseconds(100));
        sampler.Track(new ProbeTarget("hanging", new Uri(_server.BaseUrl, "hanging/health"), null));

        var sample = Assert.Single(await sampler.SampleOnceAsync(CancellationToken.None));

        Assert.False(sample.Success);
        Assert.Null(sample.StatusCode);
    }

    [Fact]
    public async Task Latency_percentiles_use_successful_probes_in_the_window_only()
    {
        for (var ms = 1; ms <= 100; ms++)
        {
            _store.Add(new ProbeSample(Start.AddSeconds(ms), "api", "v2", true, TimeSpan.FromMilliseconds(ms * 10), 200));
        }

        _store.Add(new ProbeSample(Start.AddSeconds(50), "api", "v2", false, TimeSpan.FromSeconds(30), null));
        _store.Add(new ProbeSample(Start.AddHours(-1), "api", "v2", true, TimeSpan.FromSeconds(99), 200));
        var provider = new ProbeMetricsProvider(_store);
        var end = Start.AddMinutes(5);

        var p95 = await provider.QueryAsync(new MetricQuery("p95", "latency-p95", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(5)), CancellationToken.None);
        var p50 = await provider.QueryAsync(new MetricQuery("p50", "latency-p50", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(5)), CancellationToken.None);

        Assert.Equal(950, p95.Value);
        Assert.Equal(500, p50.Value);
        Assert.Equal(Start, p95.WindowStart);
        Assert.Equal(end, p95.WindowEnd);
    }

    [Fact]
    public async Task A_query_for_a_judge_gets_each_probe_as_a_sample_in_time_order_and_bounded()
    {
        // Two targets, interleaved in time: the samples come back in time order, not grouped by target.
        _store.Add(new ProbeSample(Start.AddSeconds(20), "b", "v2", true, TimeSpan.FromMilliseconds(300), 200));
        _store.Add(new ProbeSample(Start.AddSeconds(10), "a", "v2", true, TimeSpan.FromMilliseconds(100), 200));
        _store.Add(new ProbeSample(Start.AddSeconds(30), "a", "v2", false, TimeSpan.FromSeconds(5), 503));
        var provider = new ProbeMetricsProvider(_store);
        var end = Start.AddMinutes(1);

        var latency = await provider.QueryAsync(new MetricQuery("p95", "latency-p95", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(1), WithSamples: true), CancellationToken.None);
        var errors = await provider.QueryAsync(new MetricQuery("errors", "error-rate", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(1), WithSamples: true), CancellationToken.None);
        var plain = await provider.QueryAsync(new MetricQuery("errors", "error-rate", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(1)), CancellationToken.None);

        Assert.Equal([100.0, 300.0], latency.Samples);
        Assert.Equal(300, latency.Value);
        Assert.Equal([0.0, 0.0, 100.0], errors.Samples);
        Assert.Null(plain.Samples);

        for (var i = 0; i < MetricReading.MaxSamples + 20; i++)
        {
            _store.Add(new ProbeSample(Start.AddSeconds(40).AddMilliseconds(i), "a", "v2", true, TimeSpan.FromMilliseconds(1000 + i), 200));
        }

        var bounded = await provider.QueryAsync(new MetricQuery("p95", "latency-p95", MetricScope.Canary, "v2", end, TimeSpan.FromMinutes(1), WithSamples: true), CancellationToken.None);
        Assert.Equal(MetricReading.MaxSamples, bounded.Samples!.Count);
        Assert.Equal(1000 + MetricReading.MaxSamples + 19, bounded.Samples[^1]);
    }

    [Fact]
    public async Task No_samples_is_no_data_never_zero()
    {
        var reading = await new ProbeMetricsProvider(_store).QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None);

        Assert.False(reading.HasData);
        Assert.Null(reading.Value);
    }

    [Fact]
    public async Task Unknown_metric_name_is_refused_naming_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ProbeMetricsProvider(_store).QueryAsync(Query("cpu", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("'cpu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("latency-p95", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 3)]
    [InlineData(95, 5)]
    [InlineData(100, 5)]
    [InlineData(1, 1)]
    public void Nearest_rank_percentile_is_an_observed_value(double percentile, double expected) =>
        Assert.Equal(expected, Percentile.NearestRank([5, 1, 4, 2, 3], percentile));

    private async Task WaitForRequestsAsync(int count)
    {
        var recorded = await Eventually.MatchAsync(
            () => Task.FromResult(_store.Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null).Count),
            seen => seen >= count,
            TimeSpan.FromSeconds(10),
            $"{count} recorded probe request(s)",
            recheckInterval: TimeSpan.FromMilliseconds(10));

        Assert.Equal(count, recorded);
    }

    // The probe timeout runs on real time (the HTTP call's own cancellation), not on the fake clock: generous by default,
    // so a loopback answer delayed by a busy machine is not counted as a failed probe; the timeout test passes its own.
    private ProbeSampler Sampler(TimeSpan? timeout = null) => new(_http, _store, _clock, timeout ?? TimeSpan.FromSeconds(30));

    private MetricQuery Query(string name, MetricScope scope, string? version) =>
        new("m", name, scope, version, _clock.GetUtcNow(), TimeSpan.FromMinutes(5));
}
