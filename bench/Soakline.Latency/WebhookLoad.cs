using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Soakline.Latency;

/// <summary>
/// Sends signed webhook deliveries to the app as GitHub does, from <c>concurrency</c> workers each waiting for its
/// answer before sending the next (closed loop, like wrk and hey), over kept-alive connections, and times each answer.
/// The fallback when wrk is not installed: it shares the cores with the app it measures.
/// </summary>
internal sealed class WebhookLoad(Uri baseUrl, SignedDeliveries deliveries) : ILoadGenerator, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public string Name => ".NET load generator";

    public async Task<LatencyFigures> RunAsync(LatencyScenario scenario, CancellationToken cancellationToken)
    {
        await SendAsync(scenario with { Requests = scenario.WarmUp }, null, cancellationToken);
        var times = new double[scenario.Requests];
        var clock = Stopwatch.StartNew();
        var (unexpected, first) = await SendAsync(scenario, times, cancellationToken);
        return LatencyFigures.From(scenario, times, clock.Elapsed, unexpected, first);
    }

    private Task<(int Unexpected, string? First)> SendAsync(LatencyScenario scenario, double[]? times, CancellationToken cancellationToken)
    {
        var expected = scenario.Request == "push" ? HttpStatusCode.Accepted : HttpStatusCode.OK;
        return ClosedLoop.RunAsync(scenario.Concurrency, scenario.Requests, async _ =>
        {
            // Built inside the timed call (microseconds beside the answer), where it used to be just before it.
            using var request = Request(deliveries.Next(scenario.Request));
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return response.StatusCode == expected ? null : $"{(int)response.StatusCode} {text}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // No answer in time is an answer time too (the timeout's), and an unexpected answer.
                return e.Message;
            }
        }, times, cancellationToken);
    }

    private static HttpRequestMessage Request(SignedDelivery delivery)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/github/webhook", UriKind.Relative)) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", delivery.Event);
        request.Headers.Add("X-GitHub-Delivery", delivery.DeliveryId);
        request.Headers.Add("X-Hub-Signature-256", delivery.Signature);
        return request;
    }

    public void Dispose() => _http.Dispose();
}
