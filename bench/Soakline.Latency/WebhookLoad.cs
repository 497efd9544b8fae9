using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Soakline.Latency;

/// <summary>
/// Sends signed webhook deliveries to the app as GitHub does, from <c>concurrency</c> workers each waiting for its
/// answer before sending the next (closed loop, like wrk and hey), over kept-alive connections, and times each answer.
/// A push carries a fresh commit every time, so each one starts a pipeline (202 "accepted": recorded, and started by the
/// app's pump).
/// </summary>
internal sealed class WebhookLoad(Uri baseUrl, string webhookSecret, string repository) : IDisposable
{
    private static readonly byte[] PingBody = JsonSerializer.SerializeToUtf8Bytes(new { zen = "Keep it logically awesome.", hook_id = 1 });
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(webhookSecret);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

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
                var (body, expected) = scenario.Request == "push" ? (PushBody(), HttpStatusCode.Accepted) : (PingBody, HttpStatusCode.OK);
                using var request = Request(scenario.Request, body);
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

    private HttpRequestMessage Request(string eventName, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/github/webhook", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)));
        return request;
    }

    private byte[] PushBody()
    {
        var sha = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var (owner, name) = (repository.Split('/')[0], repository.Split('/')[1]);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            @ref = "refs/heads/main",
            before = new string('1', 40),
            after = sha,
            deleted = false,
            repository = new { full_name = repository, name, owner = new { login = owner } },
            pusher = new { name = "latency" },
            head_commit = new { id = sha, message = "Measure the webhook", timestamp = "2026-12-07T01:00:00Z", author = new { name = "Latency", username = "latency" } },
        });
    }

    public void Dispose() => _http.Dispose();
}
