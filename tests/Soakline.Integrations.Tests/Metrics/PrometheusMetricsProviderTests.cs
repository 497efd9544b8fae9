using Soakline.Integrations.Metrics;
using Soakline.Integrations.Metrics.Prometheus;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.Metrics;

public sealed class PrometheusMetricsProviderTests : IDisposable
{
    private const string ErrorRatePromQl = "sum(rate(http_requests_total{version=\"{version}\",code=~\"5..\"}[{window}])) / sum(rate(http_requests_total{version=\"{version}\"}[{window}]))";
    private static readonly DateTimeOffset End = new(2026, 11, 23, 11, 30, 0, TimeSpan.Zero);
    private readonly HttpApiServer _server = HttpApiServer.StartHttp();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Instant_query_is_sent_with_the_expanded_promql_time_and_token()
    {
        Answer(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795433400,"0.0125"]}]}}""");

        var reading = await Provider().QueryAsync(Query(ErrorRatePromQl, MetricScope.Canary, "2.4.0"), CancellationToken.None);

        Assert.Equal(new MetricReading("errors", 0.0125, End.AddMinutes(-5), End), reading);
        var request = Assert.Single(_server.Requests).RequestMessage!;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/prom/api/v1/query", request.Path);
        Assert.Equal(
            "sum(rate(http_requests_total{version=\"2.4.0\",code=~\"5..\"}[300s])) / sum(rate(http_requests_total{version=\"2.4.0\"}[300s]))",
            request.Query!["query"].Single());
        Assert.Equal(End.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Query["time"].Single());
        Assert.Equal("Bearer prom-token", HttpApiServer.Header(Assert.Single(_server.Requests), "Authorization"));
    }

    [Fact]
    public async Task Scalar_results_are_read()
    {
        Answer(200, """{"status":"success","data":{"resultType":"scalar","result":[1795433400,"42"]}}""");

        var reading = await Provider().QueryAsync(Query("scalar(42)", MetricScope.All, null), CancellationToken.None);

        Assert.Equal(42, reading.Value);
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[]}}""", "empty vector")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795433400,"NaN"]}]}}""", "NaN")]
    public async Task Empty_and_NaN_results_are_no_data(string body, string detail)
    {
        Answer(200, body);

        var reading = await Provider().QueryAsync(Query("up", MetricScope.All, null), CancellationToken.None);

        Assert.False(reading.HasData);
        Assert.Contains(detail, reading.Detail, StringComparison.Ordinal);
        Assert.Equal(End.AddMinutes(-5), reading.WindowStart);
    }

    [Fact]
    public async Task Several_series_are_refused_with_advice_to_aggregate()
    {
        Answer(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1,"1"]},{"metric":{"pod":"b"},"value":[1,"2"]}]}}""");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("up", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("2 series", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_query_error_from_prometheus_is_reported()
    {
        Answer(400, """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error"}""");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("sum(", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad_data: invalid parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_is_reported()
    {
        Answer(503, "Service Unavailable");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("up", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_reported()
    {
        Answer(200, """{"status":"success","data":{"resultType":""");

        await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("up", MetricScope.All, null), CancellationToken.None));
    }

    [Fact]
    public async Task A_query_for_a_judge_reads_the_samples_with_a_range_query_over_the_window()
    {
        Answer(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795433400,"0.0125"]}]}}""");
        _server.Server.Given(Request.Create().WithPath("/prom/api/v1/query_range").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1795433100,"0.01"],[1795433105,"NaN"],[1795433110,"0.02"]]}]}}"""));

        var reading = await Provider().QueryAsync(Query(ErrorRatePromQl, MetricScope.Canary, "2.4.0") with { WithSamples = true }, CancellationToken.None);

        Assert.Equal(0.0125, reading.Value);
        Assert.Equal([0.01, 0.02], reading.Samples);
        var range = Assert.Single(_server.Requests, r => r.RequestMessage!.Path == "/prom/api/v1/query_range").RequestMessage!;
        Assert.Equal(End.AddMinutes(-5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), range.Query!["start"].Single());
        Assert.Equal(End.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), range.Query["end"].Single());
        Assert.Equal("5", range.Query["step"].Single());
        Assert.Contains("version=\"2.4.0\"", range.Query["query"].Single(), StringComparison.Ordinal);
        Assert.Equal("Bearer prom-token", HttpApiServer.Header(_server.Requests[^1], "Authorization"));
    }

    [Fact]
    public async Task A_range_answer_with_several_series_is_refused()
    {
        Answer(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795433400,"1"]}]}}""");
        _server.Server.Given(Request.Create().WithPath("/prom/api/v1/query_range").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"a"},"values":[[1,"1"]]},{"metric":{"pod":"b"},"values":[[1,"2"]]}]}}"""));

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("up", MetricScope.All, null) with { WithSamples = true }, CancellationToken.None));

        Assert.Contains("2 series over the window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_without_a_judge_sends_no_range_query()
    {
        Answer(200, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795433400,"1"]}]}}""");

        var reading = await Provider().QueryAsync(Query("up", MetricScope.All, null), CancellationToken.None);

        Assert.Null(reading.Samples);
        Assert.Equal("/prom/api/v1/query", Assert.Single(_server.Requests).RequestMessage!.Path);
    }

    [Fact]
    public void Version_placeholder_is_escaped_for_a_label_matcher()
    {
        Assert.Equal("x{v=\"a\\\"b\\\\c\"}[60s]", PromQlTemplate.Expand("x{v=\"{version}\"}[{window}]", "a\"b\\c", TimeSpan.FromMinutes(1)));
    }

    private static MetricQuery Query(string promQl, MetricScope scope, string? version) => new("errors", promQl, scope, version, End, TimeSpan.FromMinutes(5));

    private void Answer(int status, string body) =>
        _server.Server.Given(Request.Create().WithPath("/prom/api/v1/query").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private PrometheusMetricsProvider Provider() =>
        new(_http, new PrometheusSettings { BaseUrl = new Uri(_server.BaseUrl, "prom"), BearerToken = "prom-token" });
}
