namespace Soakline.Integrations.Metrics.Probes;

/// <summary>
/// The recent probe samples, bounded per target (oldest dropped first) so a long-running process does not grow
/// without limit.
/// </summary>
public sealed class ProbeSampleStore(int capacityPerTarget = 10_000)
{
    private readonly Dictionary<string, Queue<ProbeSample>> _byTarget = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(ProbeSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_gate)
        {
            if (!_byTarget.TryGetValue(sample.Target, out var queue))
            {
                _byTarget[sample.Target] = queue = new Queue<ProbeSample>();
            }

            queue.Enqueue(sample);
            while (queue.Count > capacityPerTarget)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>Samples taken in [start, end], optionally only those of one version.</summary>
    public IReadOnlyList<ProbeSample> Between(DateTimeOffset start, DateTimeOffset end, string? version)
    {
        lock (_gate)
        {
            return _byTarget.Values.SelectMany(q => q)
                .Where(s => s.At >= start && s.At <= end && (version is null || string.Equals(s.Version, version, StringComparison.Ordinal)))
                .ToList();
        }
    }
}
