using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics;

/// <summary>The time range a query covers; every reading reports it so an analysis can show what it judged.</summary>
public readonly record struct MetricWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public static MetricWindow Of(MetricQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Metric '{query.Metric}': window must be positive (was {query.Window}).", nameof(query));
        }

        return new MetricWindow(query.WindowEnd - query.Window, query.WindowEnd);
    }

    public MetricReading NoData(string metric, string detail) => MetricReading.NoData(metric, Start, End, detail);

    public MetricReading Reading(string metric, double value, string? detail = null) => new(metric, value, Start, End, detail);
}
