using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Stores;

/// <summary>
/// The release store in memory: for standalone runs on one machine and for tests. Thread-safe; everything is lost
/// when the process ends.
/// </summary>
public sealed class InMemoryReleaseStore : IReleaseStore
{
    private readonly Lock _gate = new();
    private readonly List<ReleaseTransition> _transitions = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _queues = new(StringComparer.Ordinal);

    public Task RecordAsync(ReleaseTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_gate)
        {
            if (_ids.Add(transition.Id))
            {
                _transitions.Add(transition);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReleaseTransition>> GetTransitionsAsync(TransitionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<ReleaseTransition> matching = [.. _transitions.Where(t =>
                (query.Environment is null || t.Environment == query.Environment)
                && (query.PipelineId is null || t.PipelineId == query.PipelineId)
                && (query.From is null || t.At >= query.From)
                && (query.To is null || t.At < query.To))];
            return Task.FromResult(matching);
        }
    }

    public async Task<DeployedRelease?> GetCurrentReleaseAsync(string environment, string component, CancellationToken cancellationToken)
    {
        var history = await GetReleaseHistoryAsync(environment, component, cancellationToken).ConfigureAwait(false);
        return history.Count > 0 ? history[0] : null;
    }

    public Task<IReadOnlyList<DeployedRelease>> GetReleaseHistoryAsync(string environment, string component, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(ReleaseHistory.Of(_transitions, environment, component));
        }
    }

    public Task<EnvironmentLease> AcquireEnvironmentAsync(string environment, string holder, ConcurrencyMode mode, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(environment, out var queue))
            {
                queue = [];
                _queues[environment] = queue;
            }

            _holders.TryGetValue(environment, out var current);
            if (current == holder)
            {
                return Task.FromResult(new EnvironmentLease(true, holder, 0));
            }

            var firstInLine = queue.Count == 0 || queue[0] == holder;
            if (current is null && firstInLine)
            {
                queue.Remove(holder);
                _holders[environment] = holder;
                return Task.FromResult(new EnvironmentLease(true, holder, 0));
            }

            if (mode == ConcurrencyMode.Refuse)
            {
                return Task.FromResult(new EnvironmentLease(false, current ?? queue[0], 0));
            }

            if (!queue.Contains(holder))
            {
                queue.Add(holder);
            }

            return Task.FromResult(new EnvironmentLease(false, current ?? queue[0], queue.IndexOf(holder) + 1));
        }
    }

    public Task ReleaseEnvironmentAsync(string environment, string holder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_holders.TryGetValue(environment, out var current) && current == holder)
            {
                _holders.Remove(environment);
            }

            if (_queues.TryGetValue(environment, out var queue))
            {
                queue.Remove(holder);
            }
        }

        return Task.CompletedTask;
    }
}
