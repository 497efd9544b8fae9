using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Soakline.Integrations.Notifications.Chat;

/// <summary>
/// Posts a JSON payload to an incoming webhook. Rate limits (429) are retried after the stated delay (the
/// <c>Retry-After</c> header, or Discord's <c>retry_after</c> in the body), waited on the injected
/// <see cref="TimeProvider"/>, at most <c>maxRetries</c> times and never longer than <c>maxWait</c> per wait.
/// </summary>
public sealed class WebhookPoster(HttpClient http, TimeProvider timeProvider, int maxRetries = 2, TimeSpan? maxWait = null)
{
    private readonly TimeSpan _maxWait = maxWait ?? TimeSpan.FromSeconds(30);

    public async Task PostAsync(string channel, Uri webhook, JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(payload);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(webhook, payload, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                // HttpRequestException messages can contain the URL; only the error kind goes into ours.
                throw new ChatDeliveryException($"{channel} webhook could not be reached ({ex.HttpRequestError}).");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ChatDeliveryException($"{channel} webhook did not answer within {http.Timeout.TotalSeconds:0} s.");
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt <= maxRetries && RetryAfter(response, body) is { } wait && wait <= _maxWait)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ChatDeliveryException($"{channel} webhook answered {status} {response.ReasonPhrase}: {Shorten(body)}");
            }
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
            var untilThen = date - timeProvider.GetUtcNow();
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
}
