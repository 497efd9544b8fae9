using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Watchdog;

/// <summary>
/// An incident tracker that keeps its incidents in memory with the GitHub tracker's contract (one open incident per
/// key, later reports comment on it, resolving closes it), recording every call so tests can count them.
/// </summary>
internal sealed class RecordingIncidentTracker : IIncidentTracker
{
    public ConcurrentQueue<IncidentReport> Reports { get; } = new();

    public ConcurrentQueue<(string Key, string Resolution)> Resolutions { get; } = new();

    public ConcurrentDictionary<string, int> Open { get; } = new(StringComparer.Ordinal);

    private int _next = 100;

    public Task<IncidentRef> OpenOrUpdateAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue(report);
        var created = !Open.ContainsKey(report.Key);
        var number = Open.GetOrAdd(report.Key, _ => Interlocked.Increment(ref _next));
        return Task.FromResult(new IncidentRef(report.Key, number.ToString(System.Globalization.CultureInfo.InvariantCulture), new Uri($"https://github.test/acme/ops/issues/{number}"), created));
    }

    public Task<bool> ResolveAsync(string key, string resolution, CancellationToken cancellationToken)
    {
        Resolutions.Enqueue((key, resolution));
        return Task.FromResult(Open.TryRemove(key, out _));
    }
}
