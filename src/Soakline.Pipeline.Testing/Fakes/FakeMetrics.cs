using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>
/// The built-in <c>probe</c> metrics provider: a healthy canary by default (error rate 0.5 %, p95 0.2 s; stable 0.4 %
/// and 0.2 s); tests replace <see cref="Canary"/> or <see cref="Stable"/> to produce breaches or no data.
/// </summary>
internal sealed class FakeMetrics : IMetricsProvider
{
    public string Name => "probe";

    /// <summary>The canary's value of a query (error-rate, latency-p95); null for no data.</summary>
    public Func<string, double?> Canary { get; set; } = query => query == "error-rate" ? 0.5 : 0.2;

    public Func<string, double?> Stable { get; set; } = query => query == "error-rate" ? 0.4 : 0.2;

    /// <summary>The samples a query that asks for them gets (a metric with a judge); null for none.</summary>
    public Func<MetricQuery, IReadOnlyList<double>?> Samples { get; set; } = _ => null;

    public ConcurrentQueue<MetricQuery> Queries { get; } = new();

    /// <summary>Called as each query arrives, before it is answered: lets a test see what had happened by then.</summary>
    public Action<MetricQuery>? OnQuery { get; set; }

    /// <summary>When set, every query fails as an unreachable backend would.</summary>
    public bool Unreachable { get; set; }

    public Task<MetricReading> QueryAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        Queries.Enqueue(query);
        OnQuery?.Invoke(query);
        if (Unreachable)
        {
            throw new HttpRequestException("connection refused (prometheus:9090)");
        }

        var value = query.Scope == MetricScope.Stable ? Stable(query.Query) : Canary(query.Query);
        var start = query.WindowEnd - query.Window;
        return Task.FromResult(value is null
            ? MetricReading.NoData(query.Metric, start, query.WindowEnd)
            : new MetricReading(query.Metric, value, start, query.WindowEnd, Samples: query.WithSamples ? Samples(query) : null));
    }
}
