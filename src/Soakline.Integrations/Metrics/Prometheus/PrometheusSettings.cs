namespace Soakline.Integrations.Metrics.Prometheus;

/// <summary>Settings section <c>Prometheus</c>.</summary>
public sealed class PrometheusSettings
{
    /// <summary>The server root, e.g. <c>http://prometheus:9090/</c>; a path prefix (behind a proxy) is kept.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set (managed Prometheus services, auth proxies).</summary>
    public string? BearerToken { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Prometheus:BaseUrl '{BaseUrl}' must be an absolute http(s) URL.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Prometheus:Timeout must be positive.");
        }
    }
}
