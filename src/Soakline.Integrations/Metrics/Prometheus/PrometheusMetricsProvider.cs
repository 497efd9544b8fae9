using System.Globalization;
using System.Net.Http.Headers;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.Prometheus;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>prometheus</c>: the spec's PromQL as an instant query
/// (<c>GET /api/v1/query?query=...&amp;time=...</c>) evaluated at the window's end; range selectors should use
/// <c>[{window}]</c> so the value covers the reading's window. A query that asks for samples (a judge) also runs the
/// PromQL as a range query (<c>GET /api/v1/query_range</c>, <see cref="MetricWindow.SamplesPerWindow"/> steps over the window).
/// </summary>
internal sealed class PrometheusMetricsProvider : IMetricsProvider
{
    private readonly HttpClient _http;
    private readonly PrometheusSettings _settings;

    public PrometheusMetricsProvider(HttpClient http, PrometheusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _http = http;
        _settings = settings;
    }

    public string Name => "prometheus";

    public async Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        var window = MetricWindow.Of(query);
        var version = ScopeSelector.VersionFilter(query);
        if (string.IsNullOrWhiteSpace(query.Query))
        {
            throw new ArgumentException($"Metric '{query.Metric}': query must be PromQL.", nameof(query));
        }

        var promQl = PromQlTemplate.Expand(query.Query, version, window.Length);
        var time = UnixSeconds(window.End);
        var body = await GetAsync($"api/v1/query?query={Uri.EscapeDataString(promQl)}&time={time}", query.Metric, cancellationToken).ConfigureAwait(false);
        var value = PrometheusResponseReader.Read(body);
        if (value.Value is not { } v)
        {
            return window.NoData(query.Metric, value.Detail ?? "no data");
        }

        var reading = window.Reading(query.Metric, v);
        if (!query.WithSamples)
        {
            return reading;
        }

        // The samples are the same expression evaluated at evenly spaced instants over the window (a range query);
        // the single value above stays the instant query's, exactly what the thresholds compared before.
        var step = window.SampleStep;
        var range = $"api/v1/query_range?query={Uri.EscapeDataString(promQl)}&start={UnixSeconds(window.Start)}&end={time}&step={step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}";
        var samples = PrometheusResponseReader.ReadRange(await GetAsync(range, query.Metric, cancellationToken).ConfigureAwait(false));
        return reading with { Samples = MetricReading.BoundSamples(samples) };
    }

    private static string UnixSeconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task<string> GetAsync(string relative, string metric, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseWithSlash(), relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_settings.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.BearerToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        string body;
        int status;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new MetricsQueryException($"Prometheus at {_settings.BaseUrl!.Host} could not be queried: {ex.Message}", ex);
        }

        if (status is < 200 or > 299)
        {
            throw new MetricsQueryException($"Prometheus refused the query for '{metric}' ({status}): {PrometheusResponseReader.DescribeError(body)}");
        }

        return body;
    }

    private Uri BaseWithSlash()
    {
        var text = _settings.BaseUrl!.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
