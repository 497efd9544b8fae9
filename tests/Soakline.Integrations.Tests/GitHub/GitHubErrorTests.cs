using Soakline.Pipeline.Ports;
using static Soakline.Integrations.Tests.GitHub.GitHubFakeApi;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubErrorTests : IDisposable
{
    private readonly GitHubFakeApi _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Unauthorized_names_the_credential_settings_and_not_the_token()
    {
        _api.Map("GET", $"/repos/acme/shop/commits/{Sha}/check-runs", 401, """{"message":"Bad credentials"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().GetChecksAsync(Commit, ["build"], CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub:Token", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsPermanent);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.Single(_api.Http.Requests);
    }

    [Fact]
    public async Task Forbidden_names_the_missing_permission_and_what_GitHub_accepts()
    {
        _api.Map("POST", "/repos/acme/shop/deployments", 403, """{"message":"Resource not accessible by integration"}""",
            new Dictionary<string, string> { ["X-Accepted-GitHub-Permissions"] = "deployments=write" });

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().CreateDeploymentAsync(Commit, "production", "x", CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("'deployments: write'", error.Message, StringComparison.Ordinal);
        Assert.Contains("deployments=write", error.Message, StringComparison.Ordinal);
        Assert.Contains("acme/shop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_points_at_the_installation_and_the_repository()
    {
        _api.Map("POST", "/repos/acme/shop/actions/workflows/e2e.yml/dispatches", 404, """{"message":"Not Found"}""");

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().DispatchWorkflowAsync(
            new WorkflowDispatch(Repo, "e2e.yml", "main", new Dictionary<string, string>()), CancellationToken.None));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("acme/shop", error.Message, StringComparison.Ordinal);
        Assert.Contains("install the App", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsPermanent);
    }

    [Fact]
    public async Task An_unreachable_host_is_retried_then_reported_with_the_setting_to_check()
    {
        _api.Http.Server.Stop();

        var error = await Assert.ThrowsAsync<SourceControlException>(() => _api.SourceControl().GetChecksAsync(Commit, ["build"], CancellationToken.None));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsPermanent);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], _api.Clock.Delays);
    }

    [Fact]
    public void Settings_without_any_credentials_are_refused_naming_the_settings()
    {
        var error = Assert.Throws<ArgumentException>(() => new Soakline.Integrations.GitHub.GitHubSettings().Validate());

        Assert.Contains("GitHub:Token", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub:AppId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_configured_app_is_refused_naming_the_missing_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new Soakline.Integrations.GitHub.GitHubSettings { AppId = 5, PrivateKeyPem = "x" }.Validate());

        Assert.Contains("GitHub:InstallationId", error.Message, StringComparison.Ordinal);
    }
}
