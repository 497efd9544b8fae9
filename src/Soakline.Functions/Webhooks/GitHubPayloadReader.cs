using System.Globalization;
using System.Text.Json;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Reads the fields Soakline needs from GitHub webhook payloads. A missing or mistyped field throws
/// <see cref="WebhookPayloadException"/> naming its JSON path; events Soakline has nothing to do with return null.
/// </summary>
public static class GitHubPayloadReader
{
    private const string BranchRefPrefix = "refs/heads/";

    /// <summary>The push, or null for pushes that release nothing (tags, branch deletions).</summary>
    public static PushReceived? ReadPush(JsonElement payload)
    {
        var reference = RequireString(payload, "ref");
        if (!reference.StartsWith(BranchRefPrefix, StringComparison.Ordinal) || OptionalBool(payload, "deleted"))
        {
            return null;
        }

        var sha = RequireSha(payload, "after");
        if (sha.All(c => c == '0'))
        {
            return null;
        }

        var repository = ReadRepository(payload);
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

        var head = payload.TryGetProperty("head_commit", out var h) && h.ValueKind == JsonValueKind.Object ? h : (JsonElement?)null;
        var committedAt = head is { } commit && commit.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.String
            ? ParseTimestamp(ts.GetString()!, "head_commit.timestamp")
            : DateTimeOffset.UnixEpoch;
        var author = head is { } c1 && c1.TryGetProperty("author", out var a) && a.ValueKind == JsonValueKind.Object
            ? OptionalString(a, "username") ?? OptionalString(a, "name")
            : null;
        author ??= payload.TryGetProperty("pusher", out var pusher) && pusher.ValueKind == JsonValueKind.Object ? OptionalString(pusher, "name") : null;
        var message = head is { } c2 ? OptionalString(c2, "message") : null;

        return new PushReceived(repository, branch, sha.ToLowerInvariant(), committedAt, author ?? "unknown", message ?? string.Empty);
    }

    /// <summary>A completed workflow run, or null for any other action (requested, in_progress).</summary>
    public static CiCompleted? ReadWorkflowRun(JsonElement payload)
    {
        if (RequireString(payload, "action") != "completed")
        {
            return null;
        }

        var run = RequireObject(payload, "workflow_run");
        return new CiCompleted(
            "workflow_run",
            ReadRepository(payload),
            OptionalString(run, "head_branch"),
            RequireSha(run, "head_sha", "workflow_run."),
            OptionalString(run, "name") ?? "workflow",
            OptionalString(run, "conclusion"),
            RequireLong(run, "id", "workflow_run."),
            OptionalString(run, "html_url"));
    }

    /// <summary>A completed check suite, or null for any other action.</summary>
    public static CiCompleted? ReadCheckSuite(JsonElement payload)
    {
        if (RequireString(payload, "action") != "completed")
        {
            return null;
        }

        var suite = RequireObject(payload, "check_suite");
        var app = suite.TryGetProperty("app", out var a) && a.ValueKind == JsonValueKind.Object ? OptionalString(a, "slug") ?? OptionalString(a, "name") : null;
        return new CiCompleted(
            "check_suite",
            ReadRepository(payload),
            OptionalString(suite, "head_branch"),
            RequireSha(suite, "head_sha", "check_suite."),
            app ?? "checks",
            OptionalString(suite, "conclusion"),
            RequireLong(suite, "id", "check_suite."),
            OptionalString(suite, "url"));
    }

    private static RepositoryRef ReadRepository(JsonElement payload)
    {
        var repository = RequireObject(payload, "repository");
        var fullName = RequireString(repository, "full_name", "repository.");
        try
        {
            return RepositoryRef.Parse(fullName);
        }
        catch (FormatException ex)
        {
            throw new WebhookPayloadException($"repository.full_name: {ex.Message}", ex);
        }
    }

    private static JsonElement RequireObject(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException($"The payload has no object '{name}'.");
        }

        return value;
    }

    private static string RequireString(JsonElement parent, string name, string path = "")
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw new WebhookPayloadException($"The payload has no string '{path}{name}'.");
        }

        return text;
    }

    private static string RequireSha(JsonElement parent, string name, string path = "")
    {
        var sha = RequireString(parent, name, path);
        if (sha.Length != 40 || !sha.All(char.IsAsciiHexDigit))
        {
            throw new WebhookPayloadException($"'{path}{name}' is not a 40-character commit sha.");
        }

        return sha;
    }

    private static long RequireLong(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new WebhookPayloadException($"The payload has no number '{path}{name}'.");
        }

        return number;
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool OptionalBool(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static DateTimeOffset ParseTimestamp(string text, string path) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new WebhookPayloadException($"'{path}' is not a timestamp.");
}
