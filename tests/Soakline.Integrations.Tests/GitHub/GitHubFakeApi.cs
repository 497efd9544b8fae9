using Octokit;
using Soakline.Integrations.GitHub;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Domain;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Soakline.Integrations.Tests.GitHub;

/// <summary>
/// A local server speaking the parts of GitHub's REST API under test, plus the Soakline adapters wired to it. Octokit
/// treats any host other than api.github.com as GitHub Enterprise and prefixes <c>/api/v3</c>, so paths carry it.
/// </summary>
public sealed class GitHubFakeApi : IDisposable
{
    public const string Token = "ghp_test_token_value";
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";
    public static readonly RepositoryRef Repo = new("acme", "shop");
    public static readonly CommitRef Commit = new(Repo, Sha, "main");

    public GitHubFakeApi(Action<GitHubSettings>? configure = null)
    {
        Http = HttpApiServer.StartHttp();
        Settings = new GitHubSettings { BaseUrl = Http.BaseUrl, Token = Token, IncidentRepository = "acme/ops" };
        configure?.Invoke(Settings);
        Executor = new GitHubCallExecutor(Settings, Clock);
    }

    public HttpApiServer Http { get; }

    public GitHubSettings Settings { get; }

    public InstantDelayTimeProvider Clock { get; } = new();

    public GitHubCallExecutor Executor { get; }

    public IGitHubClient CreateClient() => GitHubClientFactory.Create(Settings, Clock, Executor);

    public GitHubSourceControl SourceControl() => new(CreateClient(), Executor);

    /// <summary>Maps <paramref name="method"/> <c>/api/v3{path}</c> to a JSON answer.</summary>
    public void Map(string method, string path, int status, string? json = null, IDictionary<string, string>? headers = null, string? scenario = null, string? whenState = null, string? nextState = null)
    {
        var request = Request.Create().WithPath("/api/v3" + path).UsingMethod(method);
        var response = Response.Create().WithStatusCode(status);
        if (json is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(json);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        var given = Http.Server.Given(request);
        if (scenario is not null)
        {
            given = given.InScenario(scenario);
            if (whenState is not null)
            {
                given = given.WhenStateIs(whenState);
            }

            if (nextState is not null)
            {
                given = given.WillSetStateTo(nextState);
            }
        }

        given.RespondWith(response);
    }

    public void Dispose() => Http.Dispose();
}
