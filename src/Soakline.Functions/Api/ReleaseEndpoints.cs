using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Authentication;
using Soakline.Functions.Configuration;
using Soakline.Functions.Releases;
using Soakline.Functions.Webhooks;
using Soakline.Integrations.LocalGit;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Api;

/// <summary>
/// <c>POST /api/releases</c>: starts the release pipeline of a commit of a repository served from a local clone, the way
/// a push webhook would for a GitHub repository. The same checks hold as for a push, and more: the caller is a named
/// identity; the repository is one the protection policy serves and one served locally (a GitHub repository's
/// releases come only through its signed webhook, so a key holder cannot release a commit nobody pushed); the branch is
/// one some environment of the policy allows, and really contains the commit in the clone. The pipeline then applies
/// the whole policy as for any push. The same repository, branch and commit always get the same pipeline id, so asking
/// twice (or after a push) starts nothing new.
/// </summary>
internal static partial class ReleaseEndpoints
{
    public const string Route = "/releases";

    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost(Route, StartAsync);
        return api;
    }

    private static async Task<IResult> StartAsync(ReleaseBody? body, HttpContext http, IReleaseStarter releases, IProtectionPolicySource policies, ILoggerFactory loggers, CancellationToken ct)
    {
        var (by, refusal) = CallerIdentity.Decider(http);
        if (refusal is not null)
        {
            return refusal;
        }

        if (Validate(body) is { } invalid)
        {
            return ApiProblems.Invalid(invalid.Field, invalid.Message);
        }

        var repository = RepositoryRef.Parse(body!.Repository!.Trim());
        var policy = await policies.GetPolicyAsync(repository, ct);
        if (PolicyCheck.RepositoryRefusal(policy, repository) is { } notServed)
        {
            return Refused(StatusCodes.Status403Forbidden, "repository", $"{notServed} (setting {SettingNames.PolicyRepositories})");
        }

        var clones = http.RequestServices.GetService<LocalGitClones>();
        if (clones is null || !clones.Serves(repository))
        {
            return Refused(StatusCodes.Status403Forbidden, "repository", $"{repository} is not served from a local clone, so its releases start only from its signed GitHub push webhook; to serve it locally set {LocalGitClones.SettingName(repository.FullName)} to the path of its clone");
        }

        LocalCommit commit;
        try
        {
            commit = await http.RequestServices.GetRequiredService<LocalGitCommits>().ResolveAsync(repository, body.Commit!.Trim(), Blank(body.Branch) ? null : body.Branch!.Trim(), ct);
        }
        catch (LocalCommitRefusedException ex)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity, ex.Field, ex.Message);
        }
        catch (SourceControlException ex)
        {
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, $"the local clone of {repository} could not be read: {ex.Message}");
        }

        if (!policy.Environments.Any(e => e.AllowsBranch(commit.Branch)))
        {
            return Refused(StatusCodes.Status403Forbidden, "branch", $"no environment of the protection policy allows branch '{commit.Branch}' ({string.Join("; ", policy.Environments.Select(e => $"{e.Name}: {string.Join(", ", e.Branches)}"))})");
        }

        var id = PipelineInstanceIds.ForPush(new CommitRef(repository, commit.Sha, commit.Branch));
        if (id.Length > ReleaseInstanceIds.MaxLength)
        {
            return ApiProblems.Invalid("branch", $"the branch name is too long: the pipeline id would have {id.Length} characters, at most {ReleaseInstanceIds.MaxLength}");
        }

        var start = await releases.StartAsync(new PushReceived(repository, commit.Branch, commit.Sha, commit.CommittedAt, commit.Author, commit.Message), ct);
        var logger = loggers.CreateLogger(typeof(ReleaseEndpoints));
        logger.LogInformation("Release of {Repository}@{Branch} commit {Commit} requested by {Actor}: {Outcome} {InstanceId}", repository.FullName, commit.Branch, commit.Sha, by, start.Started ? "started" : "exists", start.InstanceId);
        return start.Started
            ? Results.Json(new ReleaseReply("started", start.InstanceId, repository.FullName, commit.Branch, commit.Sha, $"release pipeline for {repository}@{commit.Sha[..7]} on {commit.Branch}, requested by {by}"), statusCode: StatusCodes.Status202Accepted)
            : Results.Json(new ReleaseReply("exists", start.InstanceId, repository.FullName, commit.Branch, commit.Sha, $"the pipeline for {repository}@{commit.Sha[..7]} on {commit.Branch} was started before; nothing new was started"), statusCode: StatusCodes.Status200OK);
    }

    /// <summary>The body's shape, field by field; the error names the first bad one. What the clone holds is checked after.</summary>
    internal static FieldError? Validate(ReleaseBody? body)
    {
        if (body is null)
        {
            return new FieldError("body", "a JSON object with repository and commit (and optionally branch) is required");
        }

        try
        {
            _ = RepositoryRef.Parse(body.Repository?.Trim() ?? string.Empty);
        }
        catch (FormatException ex)
        {
            return new FieldError("repository", ex.Message);
        }

        if (Blank(body.Commit))
        {
            return new FieldError("commit", "the SHA of the commit to release is required");
        }

        if (!CommitSha().IsMatch(body.Commit!.Trim()))
        {
            return new FieldError("commit", $"'{body.Commit.Trim()}' is not a commit SHA (7 to 40 hexadecimal digits)");
        }

        return body.By is not null ? new FieldError("by", PipelineEndpoints.RefusedBy) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-fA-F]{7,40}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CommitSha();

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>A refusal that names the field to fix, under <c>errors</c> as for a 400.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(int status, string field, string message) =>
        TypedResults.Problem(
            detail: $"{field}: {message}",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
