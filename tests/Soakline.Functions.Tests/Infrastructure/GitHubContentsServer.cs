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

    public GitHubContentsServer(string sha = GitHubDeliveries.Sha)
    {
        var file = new
        {
            type = "file",
            encoding = "base64",
            size = Spec.Length,
            name = ".soakline.yml",
            path = ".soakline.yml",
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes(Spec)),
            sha = "3d21ec53a331a6f037a91c368710b99387d012c1",
            url = _server.Url + "/api/v3/repos/acme/shop/contents/.soakline.yml",
        };
        _server.Given(Request.Create().WithPath("/api/v3/repos/acme/shop/contents/.soakline.yml").WithParam("ref", sha).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(file));
    }

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
