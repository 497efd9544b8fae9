using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;

namespace Soakline.Functions.Configuration;

/// <summary>The app's validated settings (see docs/operations.md for each one).</summary>
/// <param name="ApiKeys">
/// The named API keys (<c>Soakline__ApiKeys</c>); a key's name is its caller's identity. Required standalone; optional under
/// Azure Functions, where the function keys let callers in and App Service authentication says who they are.
/// </param>
/// <param name="Policy">The protection policy: which repositories are served and what pushes may do per environment.</param>
/// <param name="MonitorRepository">The repository whose spec's monitoring checks the scheduled sweep runs; none: no sweeps.</param>
internal sealed record AppSettings(
    HostingMode Mode,
    string TaskHub,
    Authentication.ApiKeySet ApiKeys,
    byte[] WebhookSecret,
    long WebhookMaxBodyBytes,
    string ApprovalSigningKey,
    string? StorageConnectionString,
    string? StorageAccountName,
    string MonitorSchedule,
    RepositoryRef? MonitorRepository,
    string? MonitorSpecPath,
    TelemetrySettings Telemetry,
    ProtectionPolicy Policy)
{
    public const long DefaultWebhookMaxBodyBytes = 5 * 1024 * 1024;

    /// <summary>Business hours, UTC: every 5 minutes, 08:00-18:59, Monday to Friday (the Bicep default too).</summary>
    public const string DefaultMonitorSchedule = "0 */5 8-18 * * 1-5";

    /// <summary>
    /// What the operator should know but that does not stop the start, one line per setting, naming it and never its
    /// value: optional settings whose Key Vault reference did not resolve (they count as absent).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Under Azure Functions with App Service authentication on (the platform's <c>WEBSITE_AUTH_ENABLED</c>): the
    /// principal headers the platform sets name the caller. Never standalone, where any client could send them.
    /// </summary>
    public bool AppServiceAuthentication { get; init; }

    /// <summary>The stuck-pipeline watchdog's period and limits (<c>Soakline__Watchdog__*</c>).</summary>
    public WatchdogSettings Watchdog { get; init; } = WatchdogSettings.Default;

    public override string ToString() => $"AppSettings {{ Mode = {Mode}, TaskHub = {TaskHub}, secrets redacted }}";
}
