using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Api;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Tests.Api;

/// <summary>
/// <c>POST /api/releases</c> on the app with only a local clone as source control (no GitHub): a commit of the clone
/// starts the same pipeline a push would, which reads its spec from the clone; asking again starts nothing; every
/// refusal names its field and starts nothing.
/// </summary>
public sealed class ReleaseApiTests : IAsyncLifetime, IDisposable
{
    private readonly LocalClone _clone = new();
    private SoaklineAppFactory _app = null!;
    private HttpClient _http = null!;
    private string _onMain = null!;
    private string _onDevelop = null!;
    private string _onFeature = null!;

    public Task InitializeAsync()
    {
        _onMain = _clone.Commit("main", new Dictionary<string, string> { [".soakline.yml"] = LocalClone.IgnoringSpec, ["api/app.txt"] = "1" });
        _onDevelop = _clone.Commit("develop", new Dictionary<string, string> { ["api/app.txt"] = "2" }, "develop work");
        _clone.Git("checkout", "-q", "main");
        _onFeature = _clone.Commit("feature/x", new Dictionary<string, string> { ["api/app.txt"] = "3" });
        _app = new SoaklineAppFactory()
            .With($"Soakline__LocalGit__Repositories__{LocalClone.Repository}", _clone.Path)
            .With("Soakline__Policy__Repositories", $"{LocalClone.Repository}, acme/web");
        _http = _app.CreateClient();
        _http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose() => _clone.Dispose();

    [Fact]
    public async Task A_local_commit_starts_the_pipeline_that_reads_its_spec_from_the_clone_and_asking_again_starts_nothing()
    {
        using var first = await PostAsync(new { repository = LocalClone.Repository.FullName, commit = _onDevelop[..10], branch = "develop" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var started = (await first.Content.ReadFromJsonAsync<ReleaseReply>())!;
        Assert.Equal("started", started.Status);
        Assert.Equal(_onDevelop, started.Commit);
        Assert.Equal(PipelineInstanceIds.ForPush(new CommitRef(LocalClone.Repository, _onDevelop, "develop")), started.InstanceId);

        var done = await _app.Client.WaitForInstanceCompletionAsync(started.InstanceId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        var outcome = done.ReadOutputAs<ReleaseOutcome>()!;
        var input = done.ReadInputAs<PushEvent>()!;
        Assert.Equal("develop work", input.Message);
        Assert.Equal("Dev Eloper", input.Author);

        // The clone's spec ignores every branch: an Ignored outcome that quotes its rule proves the spec was read there.
        Assert.Equal(ReleaseStatus.Ignored, outcome.Status);
        Assert.Contains("'**'", outcome.Detail, StringComparison.Ordinal);

        using var again = await PostAsync(new { repository = LocalClone.Repository.FullName, commit = _onDevelop });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var exists = (await again.Content.ReadFromJsonAsync<ReleaseReply>())!;
        Assert.Equal(("exists", started.InstanceId, "develop"), (exists.Status, exists.InstanceId, exists.Branch));
        Assert.Single(await _app.InstancesAsync(ReleaseInstanceIds.Prefix));
    }

    [Fact]
    public async Task Without_a_branch_the_one_branch_holding_the_commit_is_used_and_a_commit_on_several_must_name_one()
    {
        using var onlyOnDevelop = await PostAsync(new { repository = LocalClone.Repository.FullName, commit = _onDevelop });
        Assert.Equal(HttpStatusCode.Accepted, onlyOnDevelop.StatusCode);
        Assert.Equal("develop", (await onlyOnDevelop.Content.ReadFromJsonAsync<ReleaseReply>())!.Branch);

        using var onSeveral = await PostAsync(new { repository = LocalClone.Repository.FullName, commit = _onMain });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onSeveral.StatusCode);
        var detail = await Problems.FieldAsync(onSeveral, "branch");
        Assert.Contains("several branches", detail, StringComparison.Ordinal);
        Assert.Contains("develop", detail, StringComparison.Ordinal);
        Assert.Contains("main", detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string, string> Refusals => new()
    {
        // body (with {develop}, {feature}, {main} for the clone's commits), status, field, part of the message
        { """{}""", HttpStatusCode.BadRequest, "repository", "not of the form 'owner/name'" },
        { """{"repository":"acme/shop"}""", HttpStatusCode.BadRequest, "commit", "is required" },
        { """{"repository":"acme/shop","commit":"HEAD~1"}""", HttpStatusCode.BadRequest, "commit", "is not a commit SHA" },
        { """{"repository":"acme/shop","commit":"{develop}","by":"cto@example.com"}""", HttpStatusCode.BadRequest, "by", "the decider is who you authenticated as" },
        { """{"repository":"other/repo","commit":"{develop}"}""", HttpStatusCode.Forbidden, "repository", "not a repository the protection policy serves" },
        { """{"repository":"acme/web","commit":"{develop}"}""", HttpStatusCode.Forbidden, "repository", "only from its signed GitHub push webhook" },
        { """{"repository":"acme/shop","commit":"0badc0ffee0badc0ffee"}""", HttpStatusCode.UnprocessableEntity, "commit", "is not a commit in the local clone" },
        { """{"repository":"acme/shop","commit":"{feature}","branch":"develop"}""", HttpStatusCode.UnprocessableEntity, "branch", "is not on branch 'develop'" },
        { """{"repository":"acme/shop","commit":"{develop}","branch":"release/none"}""", HttpStatusCode.UnprocessableEntity, "branch", "has no branch 'release/none'" },
        { """{"repository":"acme/shop","commit":"{develop}","branch":"-x"}""", HttpStatusCode.UnprocessableEntity, "branch", "is not a valid branch name" },
        { """{"repository":"acme/shop","commit":"{feature}","branch":"feature/x"}""", HttpStatusCode.Forbidden, "branch", "no environment of the protection policy allows branch 'feature/x'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_release_names_its_field_and_starts_nothing(string body, HttpStatusCode status, string field, string message)
    {
        var json = body.Replace("{develop}", _onDevelop, StringComparison.Ordinal).Replace("{feature}", _onFeature, StringComparison.Ordinal).Replace("{main}", _onMain, StringComparison.Ordinal);

        using var response = await _http.PostAsync(new Uri("/api/releases", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await Problems.FieldAsync(response, field), StringComparison.Ordinal);
        Assert.Empty(await _app.InstancesAsync());
    }

    [Fact]
    public void A_served_repository_without_a_clone_or_github_is_warned_about_once_at_start()
    {
        Assert.Single(_app.Logs.Lines, l => l.Contains("acme/web is served by the protection policy but has no local clone (Soakline__LocalGit__Repositories__acme/web) and GitHub is not configured", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("acme/shop is served by the protection policy but has no local clone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clone_of_a_repository_the_policy_does_not_serve_is_warned_about_once_at_start()
    {
        await using var app = new SoaklineAppFactory()
            .With($"Soakline__LocalGit__Repositories__{LocalClone.Repository}", _clone.Path)
            .With("Soakline__Policy__Repositories", "acme/web");

        using var health = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Single(app.Logs.Lines, l => l.Contains("Soakline__LocalGit__Repositories__acme/shop names a clone of acme/shop, which Soakline__Policy__Repositories does not list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_named_key_nothing_is_released()
    {
        using var anonymous = _app.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/api/releases", new { repository = LocalClone.Repository.FullName, commit = _onDevelop });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.InstancesAsync());
    }

    private Task<HttpResponseMessage> PostAsync(object body) => _http.PostAsJsonAsync("/api/releases", body);
}
