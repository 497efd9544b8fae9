namespace Soakline.Functions.Configuration;

/// <summary>
/// Where telemetry goes. The Application Insights and OTLP settings keep the names the platform and the OpenTelemetry
/// exporters use (flat, outside <c>Soakline__</c>); the console switch is <c>Soakline__Telemetry__Console</c>.
/// </summary>
internal sealed class TelemetryOptions
{
    /// <summary>The configuration section of <see cref="Console"/>.</summary>
    public const string Section = "Soakline:Telemetry";

    public string? ApplicationInsightsConnectionString { get; set; }

    public string? OtlpEndpoint { get; set; }

    public string? Console { get; set; }
}
