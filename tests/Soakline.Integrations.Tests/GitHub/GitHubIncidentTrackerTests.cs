using Soakline.Integrations.GitHub;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.GitHub;

public sealed class GitHubIncidentTrackerTests : IDisposable
{
    private const string IssuesPath = "/repos/acme/ops/issues";
    private readonly GitHubFakeApi _api = new();

    public void Dispose() => _api.Dispose();

    private GitHubIncidentTracker Tracker() => new(_api.CreateClient(), _api.Executor, _api.Settings);

    [Fact]
    public async Task First_report_opens_a_labelled_issue_with_the_key_marker()
    {
        _api.Map("GET", IssuesPath, 200, "[]");
        _api.Map("POST", IssuesPath, 201, """{"number":17,"html_url":"https://gh/acme/ops/issues/17","title":"t"}""");

        var incident = await Tracker().OpenOrUpdateAsync(
            new IncidentReport("production/rollback/api", Severity.Critical, "Canary rolled back", "error rate 7.5% > 2%", ["team:api"]), CancellationToken.None);

        Assert.Equal(new IncidentRef("production/rollback/api", "17", new Uri("https://gh/acme/ops/issues/17"), true), incident);
        var list = Assert.Single(_api.Http.Requests, r => r.RequestMessage!.Method == "GET").RequestMessage!;
        Assert.Equal("soakline-incident", list.Query!["labels"].Single());
        Assert.Equal("open", list.Query["state"].Single());
        var created = HttpApiServer.JsonBody(Assert.Single(_api.Http.Requests, r => r.RequestMessage!.Method == "POST"))!;
        Assert.Equal("Canary rolled back", (string?)created["title"]);
        Assert.Equal("<!-- soakline-incident-key: production/rollback/api -->\nerror rate 7.5% > 2%", (string?)created["body"]);
        Assert.Equal(["soakline-incident", "severity:critical", "team:api"], created["labels"]!.AsArray().Select(l => (string?)l));
    }

    [Fact]
    public async Task Later_reports_comment_on_the_open_issue_for_the_key_only()
    {
        _api.Map("GET", IssuesPath, 200, """
            [{"number":30,"html_url":"https://gh/acme/ops/pull/30","body":"<!-- soakline-incident-key: k1 -->","pull_request":{"url":"https://gh/pr/30"}},
             {"number":31,"html_url":"https://gh/acme/ops/issues/31","body":"<!-- soakline-incident-key: k2 -->\nother"},
             {"number":32,"html_url":"https://gh/acme/ops/issues/32","body":"<!-- soakline-incident-key: k1 -->\nfirst"}]
            """);
        _api.Map("POST", "/repos/acme/ops/issues/32/comments", 201, """{"id":900,"body":"x"}""");

        var incident = await Tracker().OpenOrUpdateAsync(new IncidentReport("k1", Severity.Warning, "Still failing", "p95 900ms", []), CancellationToken.None);

        Assert.False(incident.Created);
        Assert.Equal("32", incident.Id);
        var comment = HttpApiServer.JsonBody(Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/ops/issues/32/comments")))!;
        Assert.Equal("**Warning**: Still failing\n\np95 900ms", (string?)comment["body"]);
        Assert.DoesNotContain(_api.Http.RequestsTo("/api/v3" + IssuesPath), r => r.RequestMessage!.Method == "POST");
    }

    [Fact]
    public async Task Resolve_comments_and_closes_the_open_issue()
    {
        _api.Map("GET", IssuesPath, 200, """[{"number":32,"html_url":"https://gh/acme/ops/issues/32","body":"<!-- soakline-incident-key: k1 -->"}]""");
        _api.Map("POST", "/repos/acme/ops/issues/32/comments", 201, """{"id":901}""");
        _api.Map("PATCH", "/repos/acme/ops/issues/32", 200, """{"number":32,"state":"closed"}""");

        var resolved = await Tracker().ResolveAsync("k1", "rolled forward to 1a2b3c4", CancellationToken.None);

        Assert.True(resolved);
        Assert.Equal("Resolved: rolled forward to 1a2b3c4", (string?)HttpApiServer.JsonBody(Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/ops/issues/32/comments")))!["body"]);
        var close = HttpApiServer.JsonBody(Assert.Single(_api.Http.RequestsTo("/api/v3/repos/acme/ops/issues/32")))!;
        Assert.Equal("closed", (string?)close["state"]);
        Assert.Equal("completed", (string?)close["state_reason"]);
    }

    [Fact]
    public async Task Resolve_without_an_open_issue_changes_nothing()
    {
        _api.Map("GET", IssuesPath, 200, "[]");

        Assert.False(await Tracker().ResolveAsync("k1", "fine", CancellationToken.None));
        Assert.Single(_api.Http.Requests);
    }

    [Fact]
    public async Task A_key_that_could_break_the_marker_is_refused_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Tracker().OpenOrUpdateAsync(new IncidentReport("bad --> key", Severity.Info, "t", "b", []), CancellationToken.None));

        Assert.Contains("bad --> key", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Http.Requests);
    }

    [Fact]
    public async Task A_rollback_key_for_a_pipeline_of_a_branch_with_a_slash_opens_its_issue()
    {
        // The rollback orchestrator's key: rollback:<environment>:<instance id>, where the branch hotfix/payment-timeout
        // is written hotfix~payment-timeout. The chaos proof found such rollbacks failing on the marker's old rules.
        const string Key = "rollback:production:release:acme-corp:storefront-api:hotfix~payment-timeout:0123456789abcdef0123456789abcdef01234567";
        _api.Map("GET", IssuesPath, 200, "[]");
        _api.Map("POST", IssuesPath, 201, """{"number":18,"html_url":"https://gh/acme/ops/issues/18","title":"t"}""");

        var incident = await Tracker().OpenOrUpdateAsync(new IncidentReport(Key, Severity.Critical, "Canary rolled back", "breach", []), CancellationToken.None);

        Assert.Equal("18", incident.Id);
        var created = HttpApiServer.JsonBody(Assert.Single(_api.Http.Requests, r => r.RequestMessage!.Method == "POST"))!;
        Assert.StartsWith($"<!-- soakline-incident-key: {Key} -->\n", (string?)created["body"], StringComparison.Ordinal);
    }
}
