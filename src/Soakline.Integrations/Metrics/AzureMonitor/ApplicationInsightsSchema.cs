namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Request telemetry has two spellings: the workspace tables (<c>AppRequests</c>) that the Log Analytics workspace
/// query API sees, and the classic Application Insights schema (<c>requests</c>).
/// </summary>
/// <param name="Timestamp">The request time column, which the judge's samples are binned by.</param>
internal sealed record ApplicationInsightsSchema(string Table, string Success, string DurationMs, string DefaultVersionDimension, string Timestamp)
{
    public static readonly ApplicationInsightsSchema Workspace = new("AppRequests", "Success", "DurationMs", "AppVersion", "TimeGenerated");
    public static readonly ApplicationInsightsSchema Classic = new("requests", "success", "duration", "application_Version", "timestamp");

    public static ApplicationInsightsSchema For(string table) => table switch
    {
        "AppRequests" => Workspace,
        "requests" => Classic,
        _ => throw new ArgumentException($"AzureMonitor:RequestsTable '{table}' must be 'AppRequests' (workspace-based Application Insights) or 'requests' (classic)."),
    };
}
