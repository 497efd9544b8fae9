using System.Globalization;
using System.Net.Http.Headers;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics.Prometheus;

/// <summary>
/// <see cref="IMetricsProvider"/> <c>prometheus</c>: the spec's PromQL as an instant query
/// (<c>GET /api/v1/query?query=...&amp;time=...</c>) evaluated at the window's end; range selectors should use
/// <c>[{window}]</c> so the value covers the reading's window.
/// </summary>
public sealed class PrometheusMetricsProvider : IMetricsProvider
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
        var time = (window.End.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var uri = new Uri(BaseWithSlash(), $"api/v1/query?query={Uri.EscapeDataString(promQl)}&time={time}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
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
            throw new MetricsQueryException($"Prometheus refused the query for '{query.Metric}' ({status}): {PrometheusResponseReader.DescribeError(body)}");
        }

        var value = PrometheusResponseReader.Read(body);
        return value.Value is { } v ? window.Reading(query.Metric, v) : window.NoData(query.Metric, value.Detail ?? "no data");
    }

    private Uri BaseWithSlash()
    {
        var text = _settings.BaseUrl!.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
