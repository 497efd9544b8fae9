using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Reads one metric from the provider the spec names. A provider that is not configured yields no data.</summary>
public sealed class QueryMetricActivity(IEnumerable<IMetricsProvider> providers) : TaskActivity<MetricRequest, MetricReading>
{
    public override async Task<MetricReading> RunAsync(TaskActivityContext context, MetricRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var provider = providers.FirstOrDefault(p => string.Equals(p.Name, input.Provider, StringComparison.Ordinal));
        if (provider is null)
        {
            // "No data" rather than an exception: the analysis counts it as failing, which is the safe reading.
            var query = input.Query;
            return MetricReading.NoData(query.Metric, query.WindowEnd - query.Window, query.WindowEnd, $"no metrics provider named '{input.Provider}' is configured");
        }

        return await provider.QueryAsync(input.Query, CancellationToken.None).ConfigureAwait(false);
    }
}
