using Microsoft.Extensions.DependencyInjection;
using Soakline.Integrations.Metrics;
using Soakline.Integrations.Metrics.AzureMonitor;
using Soakline.Integrations.Metrics.Prometheus;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Metrics;

public sealed class MetricsServiceRegistrationTests
{
    [Fact]
    public void Every_registered_provider_resolves_under_its_spec_name()
    {
        using var provider = new ServiceCollection()
            .AddSoaklineAzureMonitorMetrics(new LogAnalyticsSettings { WorkspaceId = Guid.NewGuid().ToString() }, new FakeTokenCredential("t"))
            .AddSoaklinePrometheusMetrics(new PrometheusSettings { BaseUrl = new Uri("http://127.0.0.1:9090/") })
            .AddSoaklineProbeMetrics(TimeSpan.FromSeconds(5))
            .BuildServiceProvider();

        Assert.Equal(["azure-monitor", "prometheus", "probe"], provider.GetServices<IMetricsProvider>().Select(p => p.Name));
    }

    [Fact]
    public void A_plain_http_log_analytics_endpoint_is_refused()
    {
        var settings = new LogAnalyticsSettings { WorkspaceId = Guid.NewGuid().ToString(), Endpoint = new Uri("http://api.loganalytics.io") };

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSoaklineAzureMonitorMetrics(settings));

        Assert.Contains("AzureMonitor:Endpoint", error.Message, StringComparison.Ordinal);
    }
}
