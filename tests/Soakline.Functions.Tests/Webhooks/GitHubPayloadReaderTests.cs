using System.Text.Json;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// The payload reader over Octokit.Webhooks' models: full deliveries in github.com's shape and the minimal bodies the
/// other tests, the demo and the benchmarks send read the same fields; a bad field is a <see cref="WebhookPayloadException"/>
/// naming its JSON path, never another exception (which would answer 500).
/// </summary>
public sealed class GitHubPayloadReaderTests
{
    [Fact]
    public void A_full_push_from_github_reads_branch_commit_author_message_and_time_and_skips_fields_no_model_knows()
    {
        var push = Read(GitHubPayloadShapes.Push(), GitHubPayloadReader.ReadPush)!;

        Assert.Equal(("acme/shop", "main", GitHubPayloadShapes.Sha), (push.Repository.FullName, push.Branch, push.Sha));
        Assert.Equal(("ada", "Fix the basket total\n\nRounding to cents happened twice."), (push.Author, push.Message));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 40, 0, TimeSpan.Zero), push.CommittedAt);
    }

    [Fact]
    public void The_minimal_push_the_tests_and_tools_send_reads_as_before()
    {
        var push = Read(GitHubDeliveries.Push(branch: "hotfix/1"), GitHubPayloadReader.ReadPush)!;

        Assert.Equal(("acme/shop", "hotfix/1", GitHubDeliveries.Sha, "ada", "Fix the basket total"), (push.Repository.FullName, push.Branch, push.Sha, push.Author, push.Message));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 40, 0, TimeSpan.Zero), push.CommittedAt);
    }

    [Fact]
    public void A_push_without_head_commit_is_dated_at_the_epoch_and_authored_by_its_pusher()
    {
        var body = $$"""{"ref":"refs/heads/main","after":"{{GitHubDeliveries.Sha}}","repository":{"full_name":"acme/shop"},"pusher":{"name":"grace"},"head_commit":null}""";

        var push = Read(body, GitHubPayloadReader.ReadPush)!;

        Assert.Equal(("grace", string.Empty, DateTimeOffset.UnixEpoch), (push.Author, push.Message, push.CommittedAt));
    }

    [Theory]
    [InlineData("refs/tags/v1.2.0", GitHubPayloadShapes.Sha)]
    [InlineData("refs/heads/main", "0000000000000000000000000000000000000000")]
    public void Tags_and_all_zero_shas_release_nothing(string reference, string after) =>
        Assert.Null(Read(GitHubPayloadShapes.Push(reference, after), GitHubPayloadReader.ReadPush));

    [Fact]
    public void A_branch_deletion_releases_nothing() =>
        Assert.Null(Read(GitHubPayloadShapes.Push().Replace("\"deleted\":false", "\"deleted\":true", StringComparison.Ordinal), GitHubPayloadReader.ReadPush));

    [Fact]
    public void A_full_completed_workflow_run_reads_its_run()
    {
        var run = Read(GitHubPayloadShapes.WorkflowRun(), GitHubPayloadReader.ReadWorkflowRun)!;

        Assert.Equal(("workflow_run", "acme/shop", "main", GitHubPayloadShapes.Sha, "e2e", "failure", 11957836150L), (run.Kind, run.Repository.FullName, run.Branch, run.Sha, run.Name, run.Conclusion, run.Id));
        Assert.Equal("https://github.com/acme/shop/actions/runs/11957836150", run.HtmlUrl);
    }

    [Theory]
    [InlineData("in_progress")]
    [InlineData("requested")]
    [InlineData("an_action_github_adds_later")]
    public void A_workflow_run_of_any_other_action_is_not_a_completion(string action) =>
        Assert.Null(Read(GitHubPayloadShapes.WorkflowRun(action, "null"), GitHubPayloadReader.ReadWorkflowRun));

    [Fact]
    public void A_conclusion_octokit_does_not_know_is_passed_on_as_github_wrote_it() =>
        Assert.Equal("a_conclusion_github_adds_later", Read(GitHubPayloadShapes.WorkflowRun(conclusion: "\"a_conclusion_github_adds_later\""), GitHubPayloadReader.ReadWorkflowRun)!.Conclusion);

    [Fact]
    public void A_full_completed_check_suite_reads_its_app_slug_and_conclusion()
    {
        var suite = Read(GitHubPayloadShapes.CheckSuite(), GitHubPayloadReader.ReadCheckSuite)!;

        Assert.Equal(("check_suite", "github-actions", "success", 30288164721L, GitHubPayloadShapes.Sha), (suite.Kind, suite.Name, suite.Conclusion, suite.Id, suite.Sha));
        Assert.Null(Read(GitHubPayloadShapes.CheckSuite("rerequested"), GitHubPayloadReader.ReadCheckSuite));
    }

    [Fact]
    public void A_ping_to_a_new_hook_reads_its_zen() =>
        Assert.Equal("Non-blocking is better than blocking.", Read(GitHubPayloadShapes.Ping(), GitHubPayloadReader.ReadPingZen));

    [Fact]
    public void A_ping_to_a_hook_that_has_had_deliveries_has_a_numeric_last_response_code_octokit_cannot_read_so_no_zen() =>
        Assert.Null(Read(GitHubPayloadShapes.Ping("""{"code":200,"status":"active","message":"OK"}"""), GitHubPayloadReader.ReadPingZen));

    [Theory]
    // Fields Soakline reads, missing or empty: the messages it always gave.
    [InlineData("""{"ref":"refs/heads/main","repository":{"full_name":"acme/shop"}}""", null, "The payload has no string 'after'.")]
    [InlineData("""{"ref":"","after":"0123456789abcdef0123456789abcdef01234567"}""", null, "The payload has no string 'ref'.")]
    [InlineData("""{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567"}""", null, "The payload has no object 'repository'.")]
    [InlineData("""{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567","repository":null}""", null, "The payload has no object 'repository'.")]
    [InlineData("""{"ref":"refs/heads/main","after":"0123456789","repository":{"full_name":"acme/shop"}}""", null, "'after' is not a 40-character commit sha.")]
    [InlineData("""{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567","repository":{"full_name":"acme/shop"},"head_commit":{"timestamp":"yesterday"}}""", null, "'head_commit.timestamp' is not a timestamp.")]
    // Values of the wrong JSON type, anywhere in the body: named by their path.
    [InlineData("""{"ref":1,"after":[]}""", "ref", "ref: The JSON value could not be converted to System.String")]
    [InlineData("""{"ref":"refs/heads/main","after":"0123456789abcdef0123456789abcdef01234567","repository":{"full_name":"acme/shop","owner":{"login":"acme","site_admin":"no"}}}""", "repository.owner.site_admin", null)]
    [InlineData("""{"ref":"refs/tags/v1","commits":[{"id":"a"},{"id":"b","added":"src/a.cs"}]}""", "commits[1].added", null)]
    [InlineData("""{"ref":"refs/heads/main","deleted":"yes"}""", "deleted", null)]
    public void A_bad_push_field_is_a_payload_error_naming_it(string body, string? field, string? message) =>
        AssertPayloadError(body, GitHubPayloadReader.ReadPush, field, message);

    [Theory]
    // Numbers too large for the model's type: Octokit reads repository.stargazers as an int, ids as a long.
    [InlineData("repository.stargazers", "\"stargazers\":3,", "\"stargazers\":3000000000,")]
    [InlineData("repository.id", "\"id\":771211901,", "\"id\":99999999999999999999999,")]
    // Timestamps Octokit's converter cannot read: text that is no time, and Unix seconds past the year 9999.
    [InlineData("repository.created_at", "\"created_at\":1709284364", "\"created_at\":\"sometime in March\"")]
    [InlineData("repository.created_at", "\"created_at\":1709284364", "\"created_at\":99999999999999999")]
    [InlineData("repository.updated_at", "\"updated_at\":\"2026-11-23T07:39:02Z\"", "\"updated_at\":null")]
    // A string enum of the wrong JSON type.
    [InlineData("repository.visibility", "\"visibility\":\"private\"", "\"visibility\":7")]
    public void A_value_deep_inside_a_real_push_that_the_model_cannot_hold_is_a_payload_error_naming_its_path(string field, string original, string replacement)
    {
        var body = GitHubPayloadShapes.Push();
        Assert.Contains(original, body, StringComparison.Ordinal);

        var error = Assert.Throws<WebhookPayloadException>(() => Read(body.Replace(original, replacement, StringComparison.Ordinal), GitHubPayloadReader.ReadPush));

        Assert.Equal(field, error.Field);
        // The reply names the path and the expected type, not the offending value (which the exception's inner message quotes).
        Assert.DoesNotContain("sometime", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"action":"completed","workflow_run":{"id":1e30,"head_sha":"0123456789abcdef0123456789abcdef01234567"},"repository":{"full_name":"acme/shop"}}""", "workflow_run.id", null)]
    [InlineData("""{"action":"completed","workflow_run":{"head_sha":"0123456789abcdef0123456789abcdef01234567"},"repository":{"full_name":"acme/shop"}}""", null, "The payload has no number 'workflow_run.id'.")]
    [InlineData("""{"action":"completed","repository":{"full_name":"acme/shop"}}""", null, "The payload has no object 'workflow_run'.")]
    [InlineData("""{"action":"completed","workflow_run":{"id":4,"head_sha":"0123456789abcdef0123456789abcdef01234567","conclusion":{"x":1}},"repository":{"full_name":"acme/shop"}}""", "workflow_run.conclusion", null)]
    [InlineData("""{"action":7}""", "action", null)]
    [InlineData("""{"workflow_run":{}}""", null, "The payload has no string 'action'.")]
    public void A_bad_workflow_run_field_is_a_payload_error_naming_it(string body, string? field, string? message) =>
        AssertPayloadError(body, GitHubPayloadReader.ReadWorkflowRun, field, message);

    [Theory]
    [InlineData("""{"action":"completed","check_suite":{"id":7,"head_sha":"0123456789abcdef0123456789abcdef01234567","app":{"events":"push"}},"repository":{"full_name":"acme/shop"}}""", "check_suite.app.events")]
    [InlineData("""{"action":"completed","check_suite":{"id":7,"head_sha":"0123456789abcdef0123456789abcdef01234567","created_at":"not a time"},"repository":{"full_name":"acme/shop"}}""", "check_suite.created_at")]
    public void A_bad_check_suite_field_is_a_payload_error_naming_it(string body, string field) =>
        Assert.Equal(field, Assert.Throws<WebhookPayloadException>(() => Read(body, GitHubPayloadReader.ReadCheckSuite)).Field);

    [Theory]
    [InlineData("""{"zen":5}""")]
    [InlineData("""{"zen":"z","hook":{"events":"push","created_at":"never"}}""")]
    [InlineData("""{}""")]
    public void A_ping_the_model_cannot_read_still_pongs_without_zen(string body) =>
        Assert.Null(Read(body, GitHubPayloadReader.ReadPingZen));

    /// <summary>
    /// Reading <paramref name="body"/> fails naming <paramref name="field"/> (null: a missing field, named in the message
    /// only, as before), with <paramref name="message"/> when given, else "field: problem".
    /// </summary>
    private static void AssertPayloadError<T>(string body, Func<JsonElement, T> read, string? field, string? message)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Read(body, read));

        Assert.Equal(field, error.Field);
        Assert.Equal(message ?? $"{field}: {error.Problem}", error.Message);
    }

    private static T Read<T>(string body, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(body);
        return read(document.RootElement);
    }
}
