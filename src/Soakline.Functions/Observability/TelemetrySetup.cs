using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Observability;

/// <summary>
/// OpenTelemetry traces and metrics for HTTP (ASP.NET Core's built-in sources) and the app's engine work, and the
/// structured logs with their scopes, exported to Azure Monitor when a connection string is set, to an OTLP endpoint
/// when one is set, and (traces and metrics) to the console on request.
/// </summary>
internal static class TelemetrySetup
{
    private static readonly string[] Sources = [SoaklineTelemetry.Name, "Microsoft.AspNetCore"];
    private static readonly string[] Meters = [SoaklineTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>The telemetry settings, or none while they are invalid (start-up reports every bad setting after Build).</summary>
    public static TelemetrySettings FromConfiguration(IConfiguration configuration)
    {
        using var settings = SettingsRegistration.ForConfiguration(configuration);
        try
        {
            return TelemetryOptionsValidator.Read(settings.GetRequiredService<IOptions<TelemetryOptions>>().Value, []);
        }
        catch (OptionsValidationException)
        {
            return new TelemetrySettings(null, null, false);
        }
    }

    public static IServiceCollection AddSoaklineTelemetry(this IServiceCollection services, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("soakline"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Sources);
                if (settings.ApplicationInsightsConnectionString is { } connection)
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connection);
                }

                if (settings.OtlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter();
                }

                if (settings.ConsoleExporter)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithLogging(
                logging =>
                {
                    if (settings.ApplicationInsightsConnectionString is { } connection)
                    {
                        logging.AddAzureMonitorLogExporter(o => o.ConnectionString = connection);
                    }

                    if (settings.OtlpEndpoint is not null)
                    {
                        logging.AddOtlpExporter();
                    }
                },
                options =>
                {
                    // Scopes carry InstanceId and Commit; exported as attributes, queryable in Application Insights.
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (settings.ApplicationInsightsConnectionString is { } connection)
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connection);
                }

                if (settings.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter();
                }

                if (settings.ConsoleExporter)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }
}
