using System.Collections.Concurrent;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>Every URL is healthy except those whose host is listed as unhealthy.</summary>
/// <param name="clock">Stamps <see cref="Completed"/>; the system clock when none is given (the end-to-end suite links this file).</param>
internal sealed class FakeHealthProbe(TimeProvider? clock = null) : IHealthProbe
{
    public ConcurrentDictionary<string, bool> UnhealthyHosts { get; } = new();

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(40);

    public ConcurrentQueue<HealthCheckRequest> Requests { get; } = new();

    /// <summary>Checks that have answered, with the (fake) time they answered at.</summary>
    public ConcurrentQueue<(HealthCheckRequest Request, DateTimeOffset At)> Completed { get; } = new();

    public Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var healthy = !UnhealthyHosts.ContainsKey(request.Url.Host);
        var result = healthy
            ? new HealthCheckResult(request.Url, true, 1, 200, Latency)
            : new HealthCheckResult(request.Url, false, request.Attempts, 503, Latency, "503 Service Unavailable");
        Completed.Enqueue((request, (clock ?? TimeProvider.System).GetUtcNow()));
        return Task.FromResult(result);
    }
}
