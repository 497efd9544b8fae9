using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Integrations.Metrics.AzureMonitor;
using Soakline.Integrations.Metrics.Probes;
using Soakline.Integrations.Metrics.Prometheus;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics;

/// <summary>
/// Registers metrics providers. Each is one more <see cref="IMetricsProvider"/>; the analysis picks one per metric by
/// <see cref="IMetricsProvider.Name"/>.
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    /// <param name="credential">Defaults to <see cref="DefaultAzureCredential"/>: managed identity on Azure, the developer's login locally.</param>
    public static IServiceCollection AddSoaklineAzureMonitorMetrics(this IServiceCollection services, LogAnalyticsSettings settings, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(sp => new LogAnalyticsClient(settings, credential ?? new DefaultAzureCredential()));
        services.AddSingleton<IMetricsProvider>(sp => new AzureMonitorMetricsProvider(sp.GetRequiredService<LogAnalyticsClient>(), settings));
        return services;
    }

    public static IServiceCollection AddSoaklinePrometheusMetrics(this IServiceCollection services, PrometheusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        services.AddHttpClient(nameof(PrometheusMetricsProvider));
        services.AddSingleton<IMetricsProvider>(sp =>
            new PrometheusMetricsProvider(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(PrometheusMetricsProvider)), settings));
        return services;
    }

    /// <summary>The built-in probe sampler and its provider; the host runs <see cref="ProbeSampler.RunAsync"/> in the background.</summary>
    public static IServiceCollection AddSoaklineProbeMetrics(this IServiceCollection services, TimeSpan probeTimeout)
    {
        if (probeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(probeTimeout), probeTimeout, "The probe timeout must be positive.");
        }

        services.AddHttpClient(nameof(ProbeSampler));
        services.AddSingleton<ProbeSampleStore>();
        services.AddSingleton(sp => new ProbeSampler(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ProbeSampler)),
            sp.GetRequiredService<ProbeSampleStore>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            probeTimeout,
            sp.GetService<ILogger<ProbeSampler>>()));
        services.AddSingleton<IMetricsProvider, ProbeMetricsProvider>();
        return services;
    }
}
