using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Soakline.Integrations.Metrics.Probes;

/// <summary>
/// The orchestrator's own probing: GETs every tracked health URL each interval and records a <see cref="ProbeSample"/>.
/// For services without Azure Monitor or Prometheus this is the only signal, so it measures what a user would see:
/// status and full response time, with a timeout counted as a failure.
/// </summary>
public sealed class ProbeSampler(HttpClient http, ProbeSampleStore store, TimeProvider timeProvider, TimeSpan probeTimeout, ILogger? logger = null)
{
    private readonly ConcurrentDictionary<string, ProbeTarget> _targets = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public IReadOnlyCollection<ProbeTarget> Targets => _targets.Values.ToList();

    /// <summary>Starts (or re-tags) probing of a target; a canary's target is tracked when it starts serving.</summary>
    public void Track(ProbeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(target.Name, "target.Name");
        if (!target.Url.IsAbsoluteUri || target.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Probe target '{target.Name}': URL '{target.Url}' must be an absolute http(s) URL.", nameof(target));
        }

        _targets[target.Name] = target;
    }

    public bool Untrack(string name) => _targets.TryRemove(name, out _);

    /// <summary>Probes every tracked target once, concurrently.</summary>
    public async Task<IReadOnlyList<ProbeSample>> SampleOnceAsync(CancellationToken cancellationToken)
    {
        var samples = await Task.WhenAll(_targets.Values.Select(t => ProbeAsync(t, cancellationToken))).ConfigureAwait(false);
        foreach (var sample in samples)
        {
            store.Add(sample);
        }

        return samples;
    }

    /// <summary>Samples every <paramref name="interval"/> until cancelled (the host runs this as a background loop).</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                await SampleOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }

    private async Task<ProbeSample> ProbeAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var at = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probeTimeout);
        try
        {
            using var response = await http.GetAsync(target.Url, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new ProbeSample(at, target.Name, target.Version, response.IsSuccessStatusCode, timeProvider.GetElapsedTime(started), status);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogDebug("Probe of {Target} failed: {Error}", target.Name, ex.Message);
            return new ProbeSample(at, target.Name, target.Version, false, timeProvider.GetElapsedTime(started), null);
        }
    }
}
