using System.Net;
using System.Net.Sockets;
using System.Text;
using Soakline.Integrations.Health;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.Health;

/// <summary>The HTTP probe against a real listener on loopback that answers with a scripted sequence of statuses.</summary>
public sealed class HttpHealthProbeTests
{
    [Fact]
    public async Task Retries_until_the_endpoint_answers_2xx_and_reports_the_attempts()
    {
        await using var server = ScriptedServer.Start(503, 503, 200);
        var probe = new HttpHealthProbe(new HttpClient());

        var result = await probe.CheckAsync(new HealthCheckRequest(server.Url, Attempts: 5, Delay: TimeSpan.FromMilliseconds(20)), CancellationToken.None);

        Assert.True(result.Healthy);
        Assert.Equal(3, result.AttemptsUsed);
        Assert.Equal(200, result.LastStatusCode);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task Gives_up_after_the_attempts_with_the_last_status()
    {
        await using var server = ScriptedServer.Start(500, 500, 500);
        var probe = new HttpHealthProbe(new HttpClient());

        var result = await probe.CheckAsync(new HealthCheckRequest(server.Url, Attempts: 3, Delay: TimeSpan.FromMilliseconds(10)), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Equal(3, result.AttemptsUsed);
        Assert.Equal(500, result.LastStatusCode);
        Assert.Contains("HTTP 500", result.Error);
    }

    [Fact]
    public async Task A_refused_connection_is_unhealthy_with_the_reason()
    {
        var port = Loopback.FreePort();
        var probe = new HttpHealthProbe(new HttpClient());

        var result = await probe.CheckAsync(new HealthCheckRequest(new Uri($"http://127.0.0.1:{port}/health"), Attempts: 2, Delay: TimeSpan.FromMilliseconds(10)), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Null(result.LastStatusCode);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void A_health_url_is_rewritten_to_each_hosts_address_keeping_scheme_port_and_path() =>
        Assert.Equal(new Uri("http://10.1.2.3:8080/health?deep=1"), HostHealthUrl.For(new Uri("http://localhost:8080/health?deep=1"), "10.1.2.3"));

    /// <summary>A raw TCP listener that answers successive requests with the given statuses (the last one repeats).</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();

        private ScriptedServer(int[] statuses)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _loop = ServeAsync(statuses);
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/health");

        public static ScriptedServer Start(params int[] statuses) => new(statuses);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(int[] statuses)
        {
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                var status = statuses[Math.Min(i, statuses.Length - 1)];
                var response = $"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
        }
    }
}
