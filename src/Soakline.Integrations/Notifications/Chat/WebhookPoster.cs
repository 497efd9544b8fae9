using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Posts a JSON payload to an incoming webhook through a Polly retry pipeline. Rate limits (429) are retried after the
/// stated delay (the <c>Retry-After</c> header, or Discord's <c>retry_after</c> in the body), waited on the injected
/// <see cref="TimeProvider"/>, at most <c>maxRetries</c> times and never longer than <c>maxWait</c> per wait. Nothing
/// else is retried: a chat message that failed for another reason is reported, not resent.
/// </summary>
internal sealed class WebhookPoster
{
    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxWait;
    private readonly ResiliencePipeline<WebhookAnswer> _pipeline;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetries"/> or <paramref name="maxWait"/> is negative.</exception>
    public WebhookPoster(HttpClient http, TimeProvider timeProvider, int maxRetries = 2, TimeSpan? maxWait = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _maxWait = maxWait ?? TimeSpan.FromSeconds(30);
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxWait, TimeSpan.Zero, nameof(maxWait));
        _http = http;
        _timeProvider = timeProvider;
        var builder = new ResiliencePipelineBuilder<WebhookAnswer> { TimeProvider = timeProvider };
        if (maxRetries > 0)
        {
            // Polly's retry needs at least one attempt; with none allowed the pipeline just runs the call.
            builder.AddRetry(new RetryStrategyOptions<WebhookAnswer>
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } answer && IsRetryableRateLimit(answer)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        _pipeline = builder.Build();
    }

    public async Task PostAsync(string channel, Uri webhook, JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(payload);
        var answer = await _pipeline.ExecuteAsync(
            async token => await PostOnceAsync(channel, webhook, payload, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw new ChatDeliveryException($"{channel} webhook answered {(int)answer.Status} {answer.ReasonPhrase}: {Shorten(answer.Body)}");
        }
    }

    private bool IsRetryableRateLimit(WebhookAnswer answer) =>
        answer.Status == HttpStatusCode.TooManyRequests && answer.RetryAfter is { } wait && wait <= _maxWait;

    private async Task<WebhookAnswer> PostOnceAsync(string channel, Uri webhook, JsonObject payload, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(webhook, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // HttpRequestException messages can contain the URL; only the error kind goes into ours.
            throw new ChatDeliveryException($"{channel} webhook could not be reached ({ex.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatDeliveryException($"{channel} webhook did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAnswer(response.StatusCode, response.ReasonPhrase, "", null);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new WebhookAnswer(response.StatusCode, response.ReasonPhrase, body, RetryAfter(response, body));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response, string body)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (response.Headers.RetryAfter?.Date is { } date)
        {
            var untilThen = date - _timeProvider.GetUtcNow();
            return untilThen > TimeSpan.Zero ? untilThen : TimeSpan.Zero;
        }

        try
        {
            // Discord: {"message": "You are being rate limited.", "retry_after": 0.5, "global": false}
            return JsonNode.Parse(body)?["retry_after"]?.GetValue<double>() is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Shorten(string body) =>
        body.Length <= 200 ? body : string.Concat(body.AsSpan(0, 200), "…");

    /// <summary>What one post got back, read before the response is disposed so a retry can decide on it.</summary>
    /// <param name="RetryAfter">The wait the platform asked for, when it named one.</param>
    private sealed record WebhookAnswer(HttpStatusCode Status, string? ReasonPhrase, string Body, TimeSpan? RetryAfter)
    {
        public bool IsSuccess => (int)Status is >= 200 and <= 299;
    }
}
