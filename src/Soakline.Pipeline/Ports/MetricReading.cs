namespace Soakline.Pipeline.Ports;

/// <summary>A value over a window, or no data; always says which window it covers.</summary>
/// <param name="Value">The aggregate the thresholds compare (unchanged by <paramref name="Samples"/>).</param>
/// <param name="Samples">
/// The individual observations over the window that a judge compares between canary and stable (at most
/// <see cref="MaxSamples"/>, the most recent kept); null when the provider returned none.
/// </param>
public sealed record MetricReading(string Metric, double? Value, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Detail = null, IReadOnlyList<double>? Samples = null)
{
    /// <summary>
    /// The most samples a reading carries: bounds the activity result in the orchestration history and the judge's
    /// pairwise work (Hodges-Lehmann is n x m differences).
    /// </summary>
    public const int MaxSamples = 500;

    public bool HasData => Value is not null;

    /// <summary>The finite values of <paramref name="values"/>, the most recent <see cref="MaxSamples"/> when there are more.</summary>
    public static IReadOnlyList<double> BoundSamples(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count <= MaxSamples ? finite : finite.GetRange(finite.Count - MaxSamples, MaxSamples);
    }

    public static MetricReading NoData(string metric, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? detail = null) =>
        new(metric, null, windowStart, windowEnd, detail ?? "no data");
}
