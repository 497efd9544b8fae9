using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;

namespace Soakline.Functions.Configuration;

/// <param name="ConsoleExporter">Write traces and metrics to the console (local troubleshooting).</param>
internal sealed record TelemetrySettings(string? ApplicationInsightsConnectionString, Uri? OtlpEndpoint, bool ConsoleExporter)
{
    public override string ToString() => $"TelemetrySettings {{ AzureMonitor = {ApplicationInsightsConnectionString is not null}, Otlp = {OtlpEndpoint}, Console = {ConsoleExporter} }}";
}
