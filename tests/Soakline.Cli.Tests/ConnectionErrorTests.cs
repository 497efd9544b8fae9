using System.Net;
using System.Net.Sockets;
using Soakline.Cli.Tests.Infrastructure;

namespace Soakline.Cli.Tests;

/// <summary>What the CLI says when the app is not there, refuses the key, or is not a Soakline app.</summary>
public sealed class ConnectionErrorTests : IAsyncLifetime
{
    private FakeSoaklineApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSoaklineApi.StartAsync();

    [Fact]
    public async Task An_unreachable_app_is_named_with_where_its_url_came_from()
    {
        // A port that was free a moment ago and has no listener now.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var run = await CliRun.StartAsync(["pipelines", "--url", $"http://127.0.0.1:{port}", "--api-key", "secret-key-value"]);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains($"cannot reach the Soakline app at http://127.0.0.1:{port}/ (url from --url)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_says_how_to_get_one_and_never_prints_it()
    {
        var run = await CliRun.StartAsync(["get", ApiJson.Id, "--url", _api.BaseUrl.AbsoluteUri], new Dictionary<string, string> { ["SOAKLINE_API_KEY"] = "secret-key-value" });

        Assert.Equal(ExitCodes.Unauthorized, run.ExitCode);
        Assert.Contains("refused the API key from SOAKLINE_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.Contains("401 Unauthorized: an API key is required", run.Error, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_api_json_says_the_url_may_be_wrong()
    {
        _api.Override = (HttpStatusCode.OK, "text/html", "<html><body>Welcome to nginx</body></html>");

        var run = await CliRun.StartAsync(["pipelines", "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key]);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("is not the Soakline API's JSON (is the URL a Soakline app?)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_that_is_not_json_is_quoted()
    {
        _api.Override = (HttpStatusCode.BadGateway, "text/plain", "upstream connect error");

        var run = await CliRun.StartAsync(["pipelines", "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key]);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("502 BadGateway: upstream connect error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var run = await CliRun.StartAsync(["pipelines", "--colour", "--url", _api.BaseUrl.AbsoluteUri, "--api-key", FakeSoaklineApi.Key]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--colour", run.Error, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
