using Azure.Core.Pipeline;
using Soakline.Integrations.Metrics;
using Soakline.Integrations.Metrics.AzureMonitor;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.Metrics;

public sealed class AzureMonitorMetricsProviderTests : IDisposable
{
    private const string WorkspaceId = "5f1c2a3b-0000-4000-8000-00000000abcd";
    private const string QueryPath = $"/v1/workspaces/{WorkspaceId}/query";
    private static readonly DateTimeOffset End = new(2026, 11, 23, 11, 30, 0, TimeSpan.Zero);
    private readonly HttpApiServer _server = HttpApiServer.StartHttps();
    private readonly FakeTokenCredential _credential = new("fake-monitor-token");

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Canary_error_rate_runs_the_ready_query_with_bearer_token_and_window()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"},{"name":"samples","type":"long"}],"rows":[[2.5,400]]}]}""");

        var reading = await Provider().QueryAsync(Query("error-rate", MetricScope.Canary, "2.4.0"), CancellationToken.None);

        Assert.Equal(new MetricReading("errors", 2.5, End.AddMinutes(-5), End, "400 requests"), reading);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.RequestMessage!.Method);
        Assert.Equal(QueryPath, request.RequestMessage.Path);
        Assert.Equal("Bearer fake-monitor-token", HttpApiServer.Header(request, "Authorization"));
        Assert.Equal(["https://api.loganalytics.io/.default"], _credential.RequestedScopes.Distinct());
        var body = HttpApiServer.JsonBody(request)!;
        Assert.Equal("2026-11-23T11:25:00Z/2026-11-23T11:30:00Z", (string?)body["timespan"]);
        Assert.Equal(
            "AppRequests\n| where AppVersion == \"2.4.0\"\n| summarize total = count(), failed = countif(Success == false)\n| where total > 0\n| project value = 100.0 * failed / total, samples = total",
            (string?)body["query"]);
    }

    [Fact]
    public async Task Stable_p95_on_the_classic_schema_filters_a_custom_dimension()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"},{"name":"samples","type":"long"}],"rows":[[312.5,90]]}]}""");

        var reading = await Provider(s => { s.RequestsTable = "requests"; s.VersionDimension = "customDimensions.release"; })
            .QueryAsync(Query("latency-p95", MetricScope.Stable, "2.3.9"), CancellationToken.None);

        Assert.Equal(312.5, reading.Value);
        Assert.Equal(
            "requests\n| where tostring(customDimensions[\"release\"]) == \"2.3.9\"\n| summarize value = percentile(duration, 95), samples = count()\n| where samples > 0\n| project value, samples",
            (string?)HttpApiServer.JsonBody(Assert.Single(_server.Requests))!["query"]);
    }

    [Fact]
    public async Task Custom_kql_gets_the_version_as_an_escaped_literal()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"failures","type":"long"}],"rows":[[3]]}]}""");

        var reading = await Provider().QueryAsync(
            Query("AppExceptions | where {dimension} == {version} | count", MetricScope.Canary, "v\"2"), CancellationToken.None);

        Assert.Equal(3, reading.Value);
        Assert.Equal("AppExceptions | where AppVersion == \"v\\\"2\" | count", (string?)HttpApiServer.JsonBody(Assert.Single(_server.Requests))!["query"]);
    }

    [Fact]
    public async Task An_empty_table_is_no_data_for_the_window()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"},{"name":"samples","type":"long"}],"rows":[]}]}""");

        var reading = await Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None);

        Assert.False(reading.HasData);
        Assert.Equal(End.AddMinutes(-5), reading.WindowStart);
        Assert.Equal(End, reading.WindowEnd);
        Assert.DoesNotContain("where AppVersion", (string?)HttpApiServer.JsonBody(Assert.Single(_server.Requests))!["query"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_value_is_no_data()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"}],"rows":[[null]]}]}""");

        var reading = await Provider().QueryAsync(Query("latency-p99", MetricScope.All, null), CancellationToken.None);

        Assert.False(reading.HasData);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_stated_wait()
    {
        // The SDK's retry waits on the wall clock (its wait is not pluggable), so the stated wait is kept short and the
        // test checks that the retry came no earlier than asked: a lower bound, which a busy machine cannot break.
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost()).InScenario("throttle").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("retry-after-ms", "300").WithBody("""{"error":{"code":"ThrottledError","message":"slow down"}}"""));
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost()).InScenario("throttle").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"}],"rows":[[1.0]]}]}"""));

        var reading = await Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None);

        Assert.Equal(1.0, reading.Value);
        Assert.Equal(2, _server.Requests.Count);
        var gap = _server.Requests[1].RequestMessage!.DateTime - _server.Requests[0].RequestMessage!.DateTime;
        Assert.True(gap >= TimeSpan.FromMilliseconds(290), $"retried after {gap.TotalMilliseconds} ms, before the stated 300 ms");
    }

    [Fact]
    public async Task A_stated_wait_longer_than_MaxRetryWait_is_not_waited_but_reported()
    {
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600").WithBody("""{"error":{"code":"ThrottledError","message":"slow down"}}"""));

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None));

        Assert.Single(_server.Requests);
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains("Throttled beyond the retry budget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_settings_are_checked_up_front_by_name()
    {
        var settings = new LogAnalyticsSettings { WorkspaceId = WorkspaceId, RetryDelay = TimeSpan.FromMinutes(1), MaxRetryWait = TimeSpan.FromSeconds(30) };

        var error = Assert.Throws<ArgumentException>(() => new LogAnalyticsClient(settings, _credential));

        Assert.Contains("AzureMonitor:RetryDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persistent_server_errors_fail_after_the_retry_budget()
    {
        Answer(503, """{"error":{"code":"ServiceUnavailable","message":"try later"}}""");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceUnavailable: try later", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_says_which_role_is_missing()
    {
        Answer(403, """{"error":{"code":"InsufficientAccessError","message":"The provided credentials have insufficient access"}}""");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("InsufficientAccessError", error.Message, StringComparison.Ordinal);
        Assert.Contains("Log Analytics Reader", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fake-monitor-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_an_error_not_a_reading()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":""");

        await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None));
    }

    [Fact]
    public async Task A_partial_result_with_an_error_is_refused()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"}],"rows":[[0.1]]}],"error":{"code":"PartialError","message":"query exceeded limits"}}""");

        var error = await Assert.ThrowsAsync<MetricsQueryException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.All, null), CancellationToken.None));

        Assert.Contains("PartialError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_scope_without_a_version_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Provider().QueryAsync(Query("error-rate", MetricScope.Canary, null), CancellationToken.None));

        Assert.Contains("Version", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_query_for_a_judge_also_reads_one_sample_per_time_bin_and_keeps_the_single_value()
    {
        // WireMock: the lower priority number wins, so the binned query's mapping comes first.
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"tables":[{"name":"PrimaryResult","columns":[{"name":"value","type":"real"},{"name":"samples","type":"long"}],"rows":[[312.5,90]]}]}"""));
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost().WithBody((string? body) => body != null && body.Contains("by at = bin(", StringComparison.Ordinal)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"tables":[{"name":"PrimaryResult","columns":[{"name":"at","type":"datetime"},{"name":"value","type":"real"}],"rows":[["2026-11-23T11:25:00Z",300.0],["2026-11-23T11:25:05Z",null],["2026-11-23T11:25:10Z",325.5]]}]}"""));

        var reading = await Provider().QueryAsync(Query("latency-p95", MetricScope.Stable, "2.3.9") with { WithSamples = true }, CancellationToken.None);

        Assert.Equal(312.5, reading.Value);
        Assert.Equal([300.0, 325.5], reading.Samples);
        var binned = (string?)HttpApiServer.JsonBody(_server.Requests[^1])!["query"];
        Assert.Equal(
            "AppRequests\n| where AppVersion == \"2.3.9\"\n| summarize value = percentile(DurationMs, 95) by at = bin(TimeGenerated, 5s)\n| order by at asc\n| take 500",
            binned);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Custom_kql_has_no_samples_for_a_judge_and_says_so()
    {
        Answer(200, """{"tables":[{"name":"PrimaryResult","columns":[{"name":"failures","type":"long"}],"rows":[[3]]}]}""");

        var reading = await Provider().QueryAsync(Query("AppExceptions | count", MetricScope.All, null) with { WithSamples = true }, CancellationToken.None);

        Assert.Equal(3, reading.Value);
        Assert.Empty(reading.Samples!);
        Assert.Contains("no samples for a judge", reading.Detail, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void Settings_name_the_bad_field()
    {
        var settings = new LogAnalyticsSettings { WorkspaceId = "my-workspace" };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("AzureMonitor:WorkspaceId", error.Message, StringComparison.Ordinal);
    }

    private static MetricQuery Query(string query, MetricScope scope, string? version) => new("errors", query, scope, version, End, TimeSpan.FromMinutes(5));

    private void Answer(int status, string body) =>
        _server.Server.Given(Request.Create().WithPath(QueryPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private AzureMonitorMetricsProvider Provider(Action<LogAnalyticsSettings>? configure = null)
    {
        var settings = new LogAnalyticsSettings
        {
            Endpoint = new Uri(_server.Server.Url!),
            WorkspaceId = WorkspaceId,
            Scope = "https://api.loganalytics.io/.default",
            MaxRetries = 2,
            // The SDK's back-off sleeps on the wall clock: keep it at a millisecond so the retry tests stay fast.
            RetryDelay = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(settings);
        var client = new LogAnalyticsClient(settings, _credential, new HttpClientTransport(_server.CreateTrustingHandler()));
        return new AzureMonitorMetricsProvider(client, settings);
    }
}
