using System.Globalization;
using System.Text.Json;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckSuite;
using Octokit.Webhooks.Events.WorkflowRun;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Domain;
using OctokitRepository = Octokit.Webhooks.Models.Repository;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Reads the fields Soakline needs from GitHub webhook payloads, through Octokit.Webhooks' typed models
/// (<see cref="OctokitPayloads"/>). A missing or mistyped field throws <see cref="WebhookPayloadException"/> naming
/// its JSON path; events Soakline has nothing to do with return null.
/// </summary>
internal static class GitHubPayloadReader
{
    private const string BranchRefPrefix = "refs/heads/";
    private const string CompletedAction = "completed";

    /// <summary>The push, or null for pushes that release nothing (tags, branch deletions).</summary>
    public static PushReceived? ReadPush(JsonElement payload)
    {
        var push = OctokitPayloads.Read<PushEvent>(payload);
        var reference = Require(push.Ref, "ref");
        if (!reference.StartsWith(BranchRefPrefix, StringComparison.Ordinal) || push.Deleted)
        {
            return null;
        }

        var sha = RequireSha(push.After, "after");
        if (sha.All(c => c == '0'))
        {
            return null;
        }

        var repository = ReadRepository(push.Repository);
        var branch = reference[BranchRefPrefix.Length..];
        if (branch.Length == 0)
        {
            // Found by the webhook fuzzer: an empty branch made the pipeline id throw, and the request answered 500.
            throw new WebhookPayloadException("ref", $"'{reference}' names no branch", null);
        }

        var id = PipelineInstanceIds.ForPush(new CommitRef(repository, sha, branch));
        if (id.Length > ReleaseInstanceIds.MaxLength)
        {
            throw new WebhookPayloadException(
                "ref",
                $"the branch name has {branch.Length} characters, so the pipeline id would have {id.Length}; Soakline's pipeline ids hold at most {ReleaseInstanceIds.MaxLength} (a branch of at most {branch.Length - (id.Length - ReleaseInstanceIds.MaxLength)} characters for {repository.FullName})",
                null);
        }

        // Octokit keeps the head commit's timestamp as GitHub's text; a push without a head commit (or its time) is dated at the epoch.
        var head = push.HeadCommit;
        var committedAt = head?.Timestamp is { } timestamp ? ParseTimestamp(timestamp, "head_commit.timestamp") : DateTimeOffset.UnixEpoch;
        var author = head?.Author?.Username ?? head?.Author?.Name ?? push.Pusher?.Name;
        return new PushReceived(repository, branch, sha.ToLowerInvariant(), committedAt, author ?? "unknown", head?.Message ?? string.Empty);
    }

    /// <summary>A completed workflow run, or null for any other action (requested, in_progress).</summary>
    public static CiCompleted? ReadWorkflowRun(JsonElement payload)
    {
        if (!IsCompleted(payload))
        {
            return null;
        }

        var completed = OctokitPayloads.Read<WorkflowRunCompletedEvent>(payload);
        var run = completed.WorkflowRun ?? throw new WebhookPayloadException("The payload has no object 'workflow_run'.");
        return new CiCompleted(
            "workflow_run",
            ReadRepository(completed.Repository),
            run.HeadBranch,
            RequireSha(run.HeadSha, "workflow_run.head_sha"),
            run.Name ?? "workflow",
            run.Conclusion?.StringValue,
            RequireId(run.Id, "workflow_run.id"),
            run.HtmlUrl);
    }

    /// <summary>A completed check suite, or null for any other action.</summary>
    public static CiCompleted? ReadCheckSuite(JsonElement payload)
    {
        if (!IsCompleted(payload))
        {
            return null;
        }

        var completed = OctokitPayloads.Read<CheckSuiteCompletedEvent>(payload);
        var suite = completed.CheckSuite ?? throw new WebhookPayloadException("The payload has no object 'check_suite'.");
        return new CiCompleted(
            "check_suite",
            ReadRepository(completed.Repository),
            suite.HeadBranch,
            RequireSha(suite.HeadSha, "check_suite.head_sha"),
            suite.App?.Slug ?? suite.App?.Name ?? "checks",
            suite.Conclusion?.StringValue,
            RequireId(suite.Id, "check_suite.id"),
            suite.Url);
    }

    /// <summary>
    /// The zen line of GitHub's ping, or null when it has none or Octokit's model cannot read the ping. A ping changes
    /// nothing and must pass GitHub's hook check whatever it carries: GitHub sends <c>hook.last_response.code</c> as
    /// a number once the hook has had deliveries, where Octokit's model expects text.
    /// </summary>
    public static string? ReadPingZen(JsonElement payload)
    {
        try
        {
            return OctokitPayloads.Read<PingEvent>(payload).Zen;
        }
        catch (WebhookPayloadException)
        {
            return null;
        }
    }

    /// <summary>Whether the delivery's action is "completed"; the rest of the body is read only then.</summary>
    private static bool IsCompleted(JsonElement payload) =>
        Require(OctokitPayloads.Read<DeliveryAction>(payload).Action, "action") == CompletedAction;

    private static RepositoryRef ReadRepository(OctokitRepository? repository)
    {
        if (repository is null)
        {
            throw new WebhookPayloadException("The payload has no object 'repository'.");
        }

        var fullName = Require(repository.FullName, "repository.full_name");
        try
        {
            return RepositoryRef.Parse(fullName);
        }
        catch (FormatException ex)
        {
            throw new WebhookPayloadException($"repository.full_name: {ex.Message}", ex);
        }
    }

    private static string Require(string? text, string path) =>
        text is { Length: > 0 } ? text : throw new WebhookPayloadException($"The payload has no string '{path}'.");

    private static string RequireSha(string? text, string path)
    {
        var sha = Require(text, path);
        if (sha.Length != 40 || !sha.All(char.IsAsciiHexDigit))
        {
            throw new WebhookPayloadException($"'{path}' is not a 40-character commit sha.");
        }

        return sha;
    }

    /// <summary>GitHub's run and suite ids start at 1; Octokit's models read a missing id as 0.</summary>
    private static long RequireId(long id, string path) =>
        id > 0 ? id : throw new WebhookPayloadException($"The payload has no number '{path}'.");

    private static DateTimeOffset ParseTimestamp(string text, string path) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new WebhookPayloadException($"'{path}' is not a timestamp.");
}
