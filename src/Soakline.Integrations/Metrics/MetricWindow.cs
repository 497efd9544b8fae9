using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics;

/// <summary>The time range a query covers; every reading reports it so an analysis can show what it judged.</summary>
public readonly record struct MetricWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>How many samples a reading for a judge asks its backend for over one window (plus the window's start).</summary>
    public const int SamplesPerWindow = 60;

    public TimeSpan Length => End - Start;

    /// <summary>
    /// The spacing of samples for a judge: <see cref="SamplesPerWindow"/> per window, at least one second apart, so a
    /// reading stays well under <see cref="MetricReading.MaxSamples"/>.
    /// </summary>
    public TimeSpan SampleStep
    {
        get
        {
            var step = TimeSpan.FromSeconds(Math.Ceiling(Length.TotalSeconds / SamplesPerWindow));
            return step < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : step;
        }
    }

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
