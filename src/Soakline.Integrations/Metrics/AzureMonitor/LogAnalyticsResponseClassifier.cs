using System.Globalization;
using Azure;
using Azure.Core;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Azure.Core's default classification (retry 408, 429, 500, 502, 503, 504 and network failures), except that an answer
/// whose <c>Retry-After</c> asks for more than <paramref name="maxWait"/> is not retried: the SDK's retry policy would
/// wait whatever the service says, and an analysis should rather report the throttling than stall.
/// </summary>
internal sealed class LogAnalyticsResponseClassifier(TimeSpan maxWait) : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return base.IsRetriableResponse(message) && !(StatedWait(message.Response) > maxWait);
    }

    /// <summary>The wait in the headers the SDK's delay strategy reads: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, <c>Retry-After</c>.</summary>
    private static TimeSpan? StatedWait(Response response)
    {
        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        // Log Analytics states Retry-After in seconds; an HTTP-date form is left to the SDK's own delay strategy.
        return response.Headers.TryGetValue("Retry-After", out var value)
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : null;
    }
}
