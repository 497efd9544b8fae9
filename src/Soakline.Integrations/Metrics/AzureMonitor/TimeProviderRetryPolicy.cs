using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Azure.Core pipeline retry for throttling (429) and server errors (500, 502, 503, 504): waits what
/// <c>Retry-After</c> says, or backs off exponentially, on an injected <see cref="TimeProvider"/> (Azure.Core's own
/// policy sleeps on the wall clock, which tests cannot fast-forward). A wait longer than the limit is not waited: the
/// throttled response goes back to the caller, who reports it.
/// </summary>
public sealed class TimeProviderRetryPolicy(int maxRetries, TimeSpan maxWait, TimeProvider timeProvider) : HttpPipelinePolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(800);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 1; ; attempt++)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (NextDelay(message, attempt) is not { } delay)
            {
                return;
            }

            await Task.Delay(delay, timeProvider, message.CancellationToken).ConfigureAwait(false);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    private TimeSpan? NextDelay(HttpMessage message, int attempt)
    {
        if (attempt > maxRetries || !message.HasResponse || message.Response.Status is not (429 or 500 or 502 or 503 or 504))
        {
            return null;
        }

        var delay = RetryAfter(message.Response) ?? BaseDelay * Math.Pow(2, attempt - 1);
        return delay <= maxWait ? delay : null;
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
