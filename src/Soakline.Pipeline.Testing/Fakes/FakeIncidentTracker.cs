using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>One open incident per key, like GitHub issues with a key label.</summary>
internal sealed class FakeIncidentTracker : IIncidentTracker
{
    private int _next;

    public ConcurrentDictionary<string, IncidentRef> Open { get; } = new();

    public ConcurrentQueue<IncidentReport> Reports { get; } = new();

    public ConcurrentQueue<string> Resolved { get; } = new();

    public Task<IncidentRef> OpenOrUpdateAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue(report);
        if (Open.TryGetValue(report.Key, out var existing))
        {
            return Task.FromResult(existing with { Created = false });
        }

        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = new IncidentRef(report.Key, id, new Uri($"https://github.test/issues/{id}"), true);
        Open[report.Key] = created;
        return Task.FromResult(created);
    }

    public Task<bool> ResolveAsync(string key, string resolution, CancellationToken cancellationToken)
    {
        var closed = Open.TryRemove(key, out _);
        if (closed)
        {
            Resolved.Enqueue(key);
        }

        return Task.FromResult(closed);
    }
}
