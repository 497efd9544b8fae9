namespace Soakline.SampleApp;

/// <summary>
/// <c>/api/work</c>: a small JSON answer with a configurable latency and error rate, the traffic a canary analysis
/// measures (error rate, p95 latency). A failing release answers 500 every time.
/// </summary>
public static class WorkEndpoint
{
    public sealed record WorkAnswer(string Release, string Version, bool Ok, double LatencyMs);

    public static async Task<IResult> HandleAsync(ReleaseInfo release, SampleSettings settings, FailureSwitch failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(failure);
        if (settings.WorkLatency > TimeSpan.Zero)
        {
            await Task.Delay(settings.WorkLatency, cancellationToken);
        }

        // Random.Shared is fine here: this is simulated load, not anything security relevant.
#pragma warning disable CA5394
        var injectedError = settings.WorkErrorRate > 0 && Random.Shared.NextDouble() < settings.WorkErrorRate;
#pragma warning restore CA5394
        var ok = !failure.IsFailing && !injectedError;
        var answer = new WorkAnswer(release.ReleaseId, release.Version, ok, settings.WorkLatency.TotalMilliseconds);
        return ok ? Results.Json(answer) : Results.Json(answer, statusCode: StatusCodes.Status500InternalServerError);
    }
}
