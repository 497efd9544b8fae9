using System.Globalization;
using System.Net;
using Octokit;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Decides whether a failed GitHub call is worth retrying and after how long, as GitHub's REST API docs ("Rate limits for
/// the REST API") ask: a 403/429 with <c>Retry-After</c> waits that long; one with <c>x-ratelimit-remaining: 0</c> waits
/// until <c>x-ratelimit-reset</c>; a secondary limit with neither waits a minute, doubling on every further attempt.
/// 5xx are retried after <c>Retry-After</c> when given, else after the caller's back-off (a null delay). Everything
/// else is not retried.
/// </summary>
internal static class GitHubRetryDelay
{
    private static readonly TimeSpan SecondaryLimitDefaultWait = TimeSpan.FromMinutes(1);

    public static RetryDecision Classify(ApiException exception, int attempt, DateTimeOffset now)
    {
        var headers = exception.HttpResponse?.Headers;
        var retryAfter = ReadRetryAfter(headers, now);
        var status = exception.StatusCode;

        if (IsRateLimit(exception, headers))
        {
            if (retryAfter is { } wait)
            {
                return new RetryDecision(true, wait, "rate limit (Retry-After)");
            }

            if (Header(headers, "x-ratelimit-remaining") == "0" && ReadReset(headers) is { } reset)
            {
                var untilReset = reset - now;
                return new RetryDecision(true, untilReset > TimeSpan.Zero ? untilReset + TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1), $"rate limit (resets at {reset:u})");
            }

            return new RetryDecision(true, SecondaryLimitDefaultWait * Math.Pow(2, Math.Max(0, attempt - 1)), "secondary rate limit");
        }

        if (status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            return new RetryDecision(true, retryAfter, $"server error {(int)status}");
        }

        return RetryDecision.DoNotRetry;
    }

    private static bool IsRateLimit(ApiException exception, IReadOnlyDictionary<string, string>? headers) =>
        exception is RateLimitExceededException or SecondaryRateLimitExceededException or AbuseException
        || exception.StatusCode == HttpStatusCode.TooManyRequests
        || (exception.StatusCode == HttpStatusCode.Forbidden && (Header(headers, "retry-after") is not null || Header(headers, "x-ratelimit-remaining") == "0"));

    private static TimeSpan? ReadRetryAfter(IReadOnlyDictionary<string, string>? headers, DateTimeOffset now)
    {
        var value = Header(headers, "retry-after");
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > now ? at - now : null;
    }

    private static DateTimeOffset? ReadReset(IReadOnlyDictionary<string, string>? headers) =>
        long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    /// <summary>Header lookup that does not depend on how the HTTP layer cased the names.</summary>
    internal static string? Header(IReadOnlyDictionary<string, string>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

/// <param name="Delay">The wait GitHub stated (or its docs prescribe); null when the caller's back-off applies.</param>
internal sealed record RetryDecision(bool Retry, TimeSpan? Delay, string Reason)
{
    public static RetryDecision DoNotRetry { get; } = new(false, null, "not retryable");
}
