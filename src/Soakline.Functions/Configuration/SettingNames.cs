namespace Soakline.Functions.Configuration;

/// <summary>
/// Every setting the app reads, under the name an operator sets (app settings and environment variables use "__"
/// where .NET configuration uses ":"). Error messages name settings this way so they can be pasted into the portal.
/// </summary>
internal static class SettingNames
{
    /// <summary>
    /// Set by the Functions host, never by an operator: the worker maps the host's <c>--functions-uri</c> argument to
    /// this key, so its presence means isolated-worker mode.
    /// </summary>
    public const string FunctionsHostEndpoint = "Functions__Worker__HostEndpoint";

    /// <summary>
    /// Set by App Service, never by an operator: <c>True</c> when App Service authentication is on, which is when the
    /// platform sets (and strips from clients) the <c>X-MS-CLIENT-PRINCIPAL</c> headers.
    /// </summary>
    public const string AppServiceAuthEnabled = "WEBSITE_AUTH_ENABLED";

    public const string TaskHub = "Soakline__TaskHub";
    /// <summary>Named API keys, <c>name=key; name2=key2</c>: the name is the identity of whoever holds the key.</summary>
    public const string ApiKeys = "Soakline__ApiKeys";
    public const string WebhookSecret = "Soakline__GitHub__WebhookSecret";
    public const string WebhookMaxBodyBytes = "Soakline__GitHub__WebhookMaxBodyBytes";
    public const string ApprovalSigningKey = "Soakline__Approvals__SigningKey";
    public const string StorageConnectionString = "Soakline__Storage__ConnectionString";
    public const string StorageAccountName = "Soakline__Storage__AccountName";
    public const string StorageWorkItemVisibilityTimeout = "Soakline__Storage__WorkItemVisibilityTimeout";
    public const string EngineWorkerId = "Soakline__Engine__WorkerId";
    public const string MonitorSchedule = "MonitorSchedule";
    public const string MonitorRepository = "Soakline__Monitoring__Repository";
    public const string MonitorSpecPath = "Soakline__Monitoring__SpecPath";
    /// <summary>The watchdog timer's NCRONTAB schedule; the timer function binds it as <c>%Soakline:Watchdog:Schedule%</c>.</summary>
    public const string WatchdogSchedule = "Soakline__Watchdog__Schedule";
    public const string WatchdogGrace = "Soakline__Watchdog__Grace";
    public const string WatchdogStepLimit = "Soakline__Watchdog__StepLimit";
    public const string WatchdogPendingLimit = "Soakline__Watchdog__PendingLimit";
    public const string ApplicationInsights = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConsoleTelemetry = "Soakline__Telemetry__Console";

    /// <summary>The repositories Soakline serves; the per-environment policy settings are in <see cref="PolicySettingNames"/>.</summary>
    public const string PolicyRepositories = "Soakline__Policy__Repositories";

    /// <summary>The .NET configuration key of an operator-facing setting name.</summary>
    public static string ToConfigurationKey(string settingName)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        return settingName.Replace("__", ":", StringComparison.Ordinal);
    }

    /// <summary>The settings whose values are secrets: never logged, never echoed in errors.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        ApiKeys, WebhookSecret, ApprovalSigningKey, StorageConnectionString, ApplicationInsights,
    ];
}
