using System.Diagnostics;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Health;

/// <summary>
/// GETs a health URL until it answers 2xx or the attempts run out, waiting <see cref="HealthCheckRequest.EffectiveDelay"/>
/// between attempts; each attempt has its own timeout so one hung connection cannot eat the whole budget.
/// </summary>
public sealed class HttpHealthProbe(HttpClient http, TimeProvider? timeProvider = null) : IHealthProbe
{
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<HealthCheckResult> CheckAsync(HealthCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Attempts < 1)
        {
            throw new ArgumentException($"Attempts: {request.Attempts} must be at least 1.", nameof(request));
        }

        int? status = null;
        string? error = null;
        var latency = TimeSpan.Zero;
        for (var attempt = 1; attempt <= request.Attempts; attempt++)
        {
            var clock = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(request.Timeout ?? DefaultAttemptTimeout);
            try
            {
                using var response = await http.GetAsync(request.Url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
                latency = clock.Elapsed;
                status = (int)response.StatusCode;
                error = response.IsSuccessStatusCode ? null : $"HTTP {status} {response.ReasonPhrase}";
                if (response.IsSuccessStatusCode)
                {
                    return new HealthCheckResult(request.Url, true, attempt, status, latency);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (latency, status, error) = (clock.Elapsed, null, $"no answer within {request.Timeout ?? DefaultAttemptTimeout}");
            }
            catch (HttpRequestException failure)
            {
                (latency, status, error) = (clock.Elapsed, null, failure.Message);
            }

            if (attempt < request.Attempts)
            {
                await Task.Delay(request.EffectiveDelay, _time, cancellationToken);
            }
        }

        return new HealthCheckResult(request.Url, false, request.Attempts, status, latency, error);
    }
}
