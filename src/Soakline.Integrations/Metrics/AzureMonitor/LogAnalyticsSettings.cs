namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>Settings section <c>AzureMonitor</c>.</summary>
public sealed class LogAnalyticsSettings
{
    /// <summary>The Log Analytics query API; sovereign clouds have their own (e.g. https://api.loganalytics.azure.cn).</summary>
    public Uri Endpoint { get; set; } = new("https://api.loganalytics.io");

    /// <summary>The workspace's id (a GUID, "Workspace ID" on its overview page), not its resource id.</summary>
    public string WorkspaceId { get; set; } = "";

    /// <summary>The token audience; defaults to the endpoint's <c>/.default</c> scope.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// The table and columns of request telemetry: <c>AppRequests</c> (workspace-based Application Insights, the
    /// default) or <c>requests</c> (classic schema).
    /// </summary>
    public string RequestsTable { get; set; } = ApplicationInsightsSchema.Workspace.Table;

    /// <summary>
    /// The dimension that tells canary from stable: a column (<c>AppVersion</c>, <c>AppRoleInstance</c>;
    /// classic: <c>application_Version</c>, <c>cloud_RoleInstance</c>) or a property (<c>Properties.version</c>;
    /// classic: <c>customDimensions.version</c>). Defaults to the schema's version column.
    /// </summary>
    public string? VersionDimension { get; set; }

    /// <summary>Retries after a throttling (429) or server error (408, 500, 502, 503, 504) answer, or a network failure.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off when the service states no <c>Retry-After</c>; it doubles per retry (with the SDK's jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// The longest back-off, and the longest <c>Retry-After</c> that is waited: a longer one is not retried and the
    /// throttled answer is reported instead of stalling the analysis.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public string EffectiveScope => string.IsNullOrWhiteSpace(Scope) ? new Uri(Endpoint, "/.default").AbsoluteUri : Scope;

    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"AzureMonitor:Endpoint '{Endpoint}' must be an absolute https URL: bearer tokens are only sent over TLS.");
        }

        if (!Guid.TryParse(WorkspaceId, out _))
        {
            throw new ArgumentException($"AzureMonitor:WorkspaceId '{WorkspaceId}' must be the workspace's id (a GUID).");
        }

        _ = ApplicationInsightsSchema.For(RequestsTable);
        if (VersionDimension is not null)
        {
            _ = KqlDimension.Parse(VersionDimension);
        }

        if (MaxRetries < 0 || RetryDelay < TimeSpan.Zero || MaxRetryWait < TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("AzureMonitor:MaxRetries, RetryDelay and MaxRetryWait must not be negative, and Timeout must be positive.");
        }

        if (RetryDelay > MaxRetryWait)
        {
            throw new ArgumentException($"AzureMonitor:RetryDelay ({RetryDelay}) must not exceed AzureMonitor:MaxRetryWait ({MaxRetryWait}).");
        }
    }
}
