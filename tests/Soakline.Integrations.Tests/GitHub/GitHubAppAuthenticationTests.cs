using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Soakline.Integrations.GitHub;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;
using static Soakline.Integrations.Tests.GitHub.GitHubFakeApi;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubAppAuthenticationTests : IDisposable
{
    private const long AppId = 123456;
    private const long InstallationId = 789;
    private const string TokenPath = "/app/installations/789/access_tokens";
    private readonly RSA _appKey = RSA.Create(2048);
    private readonly GitHubFakeApi _api;

    public GitHubAppAuthenticationTests()
    {
        _api = new GitHubFakeApi(s =>
        {
            s.Token = null;
            s.AppId = AppId;
            s.InstallationId = InstallationId;
            s.PrivateKeyPem = _appKey.ExportRSAPrivateKeyPem();
        });
        _api.Map("POST", $"/repos/acme/shop/statuses/{Sha}", 201, """{"id":1}""");
    }

    public void Dispose()
    {
        _api.Dispose();
        _appKey.Dispose();
    }

    [Fact]
    public async Task Calls_use_an_installation_token_obtained_with_a_valid_RS256_app_jwt()
    {
        MapInstallationToken("ghs_first", _api.Clock.GetUtcNow().AddHours(1));

        await SetStatusAsync(_api.SourceControl());

        var exchange = Assert.Single(_api.Http.RequestsTo("/api/v3" + TokenPath));
        var jwt = HttpApiServer.Header(exchange, "Authorization")!["Bearer ".Length..];
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.True(_appKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("RS256", (string?)header["alg"]);
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        var now = _api.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(AppId.ToString(CultureInfo.InvariantCulture), (string?)claims["iss"]);
        Assert.Equal(now - 60, (long)claims["iat"]!);
        Assert.Equal(now + 540, (long)claims["exp"]!);

        var call = Assert.Single(_api.Http.RequestsTo($"/api/v3/repos/acme/shop/statuses/{Sha}"));
        Assert.Equal("Bearer ghs_first", HttpApiServer.Header(call, "Authorization"));
    }

    [Fact]
    public async Task The_installation_token_is_reused_and_replaced_before_it_expires()
    {
        var expiry = _api.Clock.GetUtcNow().AddHours(1);
        MapInstallationToken("ghs_first", expiry, "tokens", null, "second");
        MapInstallationToken("ghs_second", expiry.AddHours(1), "tokens", "second", null);
        var sourceControl = _api.SourceControl();

        await SetStatusAsync(sourceControl);
        await SetStatusAsync(sourceControl);
        _api.Clock.Advance(TimeSpan.FromMinutes(56));
        await SetStatusAsync(sourceControl);

        Assert.Equal(2, _api.Http.RequestsTo("/api/v3" + TokenPath).Count);
        var calls = _api.Http.RequestsTo($"/api/v3/repos/acme/shop/statuses/{Sha}").Select(r => HttpApiServer.Header(r, "Authorization"));
        Assert.Equal(["Bearer ghs_first", "Bearer ghs_first", "Bearer ghs_second"], calls);
    }

    [Fact]
    public async Task A_missing_installation_says_to_install_the_app()
    {
        _api.Map("POST", TokenPath, 404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => SetStatusAsync(_api.SourceControl()));

        Assert.Contains("no installation 789", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub:InstallationId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Http.RequestsTo($"/api/v3/repos/acme/shop/statuses/{Sha}"));
    }

    [Fact]
    public async Task A_rejected_jwt_points_at_app_id_key_and_clock()
    {
        _api.Map("POST", TokenPath, 401, """{"message":"A JSON web token could not be decoded"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => SetStatusAsync(_api.SourceControl()));

        Assert.Contains("GitHub:PrivateKeyPem", error.Message, StringComparison.Ordinal);
        Assert.Contains("clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_that_is_not_PEM_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new GitHubAppJwtFactory(AppId, "not a key", TimeProvider.System));

        Assert.Contains("GitHub:PrivateKeyPem", error.Message, StringComparison.Ordinal);
    }

    private static Task SetStatusAsync(GitHubSourceControl sourceControl) =>
        sourceControl.SetCommitStatusAsync(Commit, new CommitStatusUpdate("soakline/gate", CommitStatusState.Success, "ok"), CancellationToken.None);

    private void MapInstallationToken(string token, DateTimeOffset expiresAt, string? scenario = null, string? whenState = null, string? nextState = null) =>
        _api.Map("POST", TokenPath, 201,
            $$"""{"token":"{{token}}","expires_at":"{{expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}"}""",
            scenario: scenario, whenState: whenState, nextState: nextState);
}
