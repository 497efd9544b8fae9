using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// A local server speaking GitHub's contents API (GitHub Enterprise paths, <c>/api/v3/...</c>) that serves the
/// repository's <c>.soakline.yml</c> at the test commit, so the real release orchestrator reads its spec over HTTP.
/// </summary>
public sealed class GitHubContentsServer : IDisposable
{
    public const string Token = "ghs_test_installation_token";

    /// <summary>A valid spec: default branch rules, approvers, one component.</summary>
    public const string Spec = """
        version: 1
        approval:
          approvers: [ops@example.com]
        components:
          api:
            paths: ["api/**"]
            hosts:
              staging: [staging-1]
              production: [prod-1, prod-2]
            releaseRoot: /srv/api
            health:
              url: http://{host}/health
        """;

    private readonly WireMockServer _server = WireMockServer.Start();

    /// <param name="spec">The <c>.soakline.yml</c> served at <paramref name="sha"/>.</param>
    public GitHubContentsServer(string sha = GitHubDeliveries.Sha, string spec = Spec)
    {
        var file = new
        {
            type = "file",
            encoding = "base64",
            size = spec.Length,
            name = ".soakline.yml",
            path = ".soakline.yml",
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes(spec)),
            sha = "3d21ec53a331a6f037a91c368710b99387d012c1",
            url = _server.Url + "/api/v3/repos/acme/shop/contents/.soakline.yml",
        };
        _server.Given(Request.Create().WithPath("/api/v3/repos/acme/shop/contents/.soakline.yml").WithParam("ref", sha).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(file));

        // Commit statuses are accepted (and kept in the log, see CommitStatuses).
        _server.Given(Request.Create().WithPath($"/api/v3/repos/acme/shop/statuses/{sha}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":1,"state":"failure","context":"soakline"}"""));
    }

    /// <summary>The bodies of the commit statuses the app set, in order.</summary>
    public IReadOnlyList<string> CommitStatuses => _server.LogEntries
        .Where(e => e.RequestMessage?.Method == "POST" && e.RequestMessage.Path.Contains("/statuses/", StringComparison.Ordinal))
        .Select(e => e.RequestMessage!.Body ?? string.Empty)
        .ToList();

    public string BaseUrl => _server.Url + "/";

    /// <summary>The Authorization header of every request GitHub received.</summary>
    public IReadOnlyList<string?> Authorizations => _server.LogEntries.Select(e => e.RequestMessage?.Headers?["Authorization"].Single()).ToList();

    /// <summary>Points the app's GitHub adapter at this server.</summary>
    public SoaklineAppFactory Configure(SoaklineAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.With("Soakline__GitHub__Token", Token).With("Soakline__GitHub__BaseUrl", BaseUrl);
    }

    public void Dispose() => _server.Stop();
}
