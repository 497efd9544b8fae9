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

    private async Task<(int Unexpected, string? First)> SendAsync(LatencyScenario scenario, double[]? times, CancellationToken cancellationToken)
    {
        var next = -1;
        var unexpected = 0;
        string? first = null;
        var workers = Enumerable.Range(0, scenario.Concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < scenario.Requests)
            {
                var expected = scenario.Request == "push" ? HttpStatusCode.Accepted : HttpStatusCode.OK;
                using var request = Request(deliveries.Next(scenario.Request));
                var started = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    problem = response.StatusCode == expected ? null : $"{(int)response.StatusCode} {text}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // No answer in time is an answer time too (the timeout's), and an unexpected answer.
                    problem = e.Message;
                }

                if (times is not null)
                {
                    times[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (problem is not null)
                {
                    Interlocked.Increment(ref unexpected);
                    Interlocked.CompareExchange(ref first, problem, null);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (unexpected, first);
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
