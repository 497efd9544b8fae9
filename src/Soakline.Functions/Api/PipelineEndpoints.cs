using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Approvals;
using Soakline.Functions.Authentication;
using Soakline.Functions.Observability;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;

using Soakline.Functions.Watchdog;

namespace Soakline.Functions.Api;

/// <summary>
/// <c>/api/pipelines</c>: the list (filters: repository, branch, status, limit), one pipeline with its environment runs
/// and timeline, and the approve, reject and abort actions, taken as the authenticated caller (<see cref="CallerIdentity"/>);
/// approve and reject go through <see cref="DecisionDesk"/>, which answers what the pipeline's approval gate recorded.
/// </summary>
internal static class PipelineEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/pipelines", ListAsync);
        api.MapGet("/pipelines/{id}", GetAsync);
        api.MapPost("/pipelines/{id}/approve", (string id, DecisionBody? body, HttpContext http, DecisionDesk desk, ILoggerFactory loggers, CancellationToken ct) => DecideAsync(id, true, body, http, desk, loggers, ct));
        api.MapPost("/pipelines/{id}/reject", (string id, DecisionBody? body, HttpContext http, DecisionDesk desk, ILoggerFactory loggers, CancellationToken ct) => DecideAsync(id, false, body, http, desk, loggers, ct));
        api.MapPost("/pipelines/{id}/abort", AbortAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(DurableTaskClient client, IStuckPipelineRecords stuck, string? repository, string? branch, string? status, int? limit, CancellationToken ct)
    {
        var prefix = ReleaseInstanceIds.Prefix;
        if (repository is not null)
        {
            RepositoryRef repo;
            try
            {
                repo = RepositoryRef.Parse(repository);
            }
            catch (FormatException ex)
            {
                return ApiProblems.Invalid("repository", ex.Message);
            }

            try
            {
                prefix = ReleaseInstanceIds.PrefixFor(repo, branch);
            }
            catch (ArgumentException ex)
            {
                // Found by the API fuzzer: an empty branch made the id prefix throw, and the list answered 500.
                return ApiProblems.Invalid("branch", ex.Message);
            }

            if (!ReleaseInstanceIds.CouldExist(prefix))
            {
                // The engine throws on such a prefix: refused by name instead of a 500.
                var field = ReleaseInstanceIds.CouldExist(ReleaseInstanceIds.PrefixFor(repo)) ? "branch" : "repository";
                return ApiProblems.Invalid(field, "holds characters no pipeline id can contain ('/', '\\', '#', '?' or control characters after escaping) or is too long");
            }
        }
        else if (branch is not null)
        {
            return ApiProblems.Invalid("branch", "filter by branch together with repository (owner/name)");
        }

        OrchestrationRuntimeStatus[]? statuses = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.Invalid("status", $"'{status}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}");
            }

            statuses = [parsed];
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"must be 1 to {MaxLimit}, was {take}");
        }

        return Results.Ok(await PipelineQueries.ListAsync(client, stuck, prefix, statuses, take, ct));
    }

    private static async Task<IResult> GetAsync(string id, DurableTaskClient client, IPipelineTimeline timeline, IStuckPipelineRecords stuck, CancellationToken ct)
    {
        if (!ReleaseInstanceIds.CouldExist(id))
        {
            // Found by the API fuzzer: the engine threw on such an id and the request answered 500.
            return ApiProblems.NoSuchPipeline(id);
        }

        var detail = await PipelineQueries.DetailAsync(client, timeline, stuck, id, ct);
        return detail is null
            ? ApiProblems.NoSuchPipeline(id)
            : Results.Ok(detail);
    }

    /// <summary>
    /// Approve or reject as the authenticated caller: 200 once the gate recorded it, 403 for a caller who is not one
    /// of the run's approvers (or has no identity), 409 when the release is not waiting (saying who decided, when),
    /// 404 for no such pipeline, 504 when the gate did not confirm in time. A body naming the decider is refused.
    /// </summary>
    private static async Task<IResult> DecideAsync(string id, bool approved, DecisionBody? body, HttpContext http, DecisionDesk desk, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!ReleaseInstanceIds.CouldExist(id))
        {
            return ApiProblems.NoSuchPipeline(id);
        }

        if (body?.By is not null)
        {
            return ApiProblems.Invalid("by", RefusedBy);
        }

        var (by, refusal) = CallerIdentity.Decider(http);
        if (refusal is not null)
        {
            return refusal;
        }

        var comment = string.IsNullOrWhiteSpace(body?.Comment) ? null : body.Comment.Trim();
        var answer = await desk.DecideAsync(new DecisionCall(id, approved, by!, comment, Guid.NewGuid().ToString("N")), ct);
        var verb = approved ? "approved" : "rejected";
        var logger = loggers.CreateLogger(typeof(PipelineEndpoints));
        if (answer.Kind != DecisionAnswerKind.TookEffect)
        {
            logger.LogInformation("Pipeline {InstanceId}: {Actor}'s {Decision} through the API did not take effect ({Answer}): {Reason}", id, by, verb, answer.Kind, answer.Message);
            return Answer(answer);
        }

        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", verb));
        logger.LogInformation("Pipeline {InstanceId} {Decision} by {Actor} through the API", id, verb, by);
        return Results.Ok(new { status = verb, instanceId = answer.InstanceId, by = answer.Receipt!.By, at = answer.Receipt.At });
    }

    /// <summary>The HTTP answer for a decision that did not take effect.</summary>
    internal static IResult Answer(DecisionAnswer answer) => ApiProblems.Status(answer.Kind switch
    {
        DecisionAnswerKind.NotAnApprover => StatusCodes.Status403Forbidden,
        DecisionAnswerKind.NotFound => StatusCodes.Status404NotFound,
        DecisionAnswerKind.NotConfirmed => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status409Conflict,
    }, answer.Message);

    internal const string RefusedBy = "remove it; the decider is who you authenticated as (your API key's name, or your App Service sign-in), never a name in the body";

    /// <summary>
    /// Abort a soaking rollout as the authenticated caller (any identity may stop a canary; the reason and the name go
    /// to the audit trail): 202 when a running environment run was told, 409 when none runs.
    /// </summary>
    private static async Task<IResult> AbortAsync(string id, AbortBody? body, HttpContext http, DurableTaskClient client, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!ReleaseInstanceIds.CouldExist(id))
        {
            return ApiProblems.NoSuchPipeline(id);
        }

        if (body?.By is not null)
        {
            return ApiProblems.Invalid("by", RefusedBy);
        }

        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return ApiProblems.Invalid("reason", "why the pipeline is aborted is required");
        }

        var (by, refusal) = CallerIdentity.Decider(http);
        if (refusal is not null)
        {
            return refusal;
        }

        var targets = await RunningTargetsAsync(client, id, ct);
        if (targets.Error is { } error)
        {
            return error;
        }

        foreach (var target in targets.Ids)
        {
            await client.RaiseEventAsync(target, PipelineEvents.Abort, new AbortRequest(body.Reason.Trim(), by!), ct);
        }

        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", "abort"));
        loggers.CreateLogger(typeof(PipelineEndpoints)).LogWarning("Pipeline {InstanceId} abort requested by {Actor}: {Reason}", id, by, body.Reason);
        return Results.Accepted(value: new { status = "abort-requested", instanceId = id, by });
    }

    private static async Task<(IReadOnlyList<string> Ids, IResult? Error)> RunningTargetsAsync(DurableTaskClient client, string id, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(id, ct);
        if (instance is null)
        {
            return ([], ApiProblems.NoSuchPipeline(id));
        }

        var running = await DurablePipelineSignals.RunningFamilyAsync(client, id, ct);
        return running.Count == 0
            ? ([], ApiProblems.Status(StatusCodes.Status409Conflict, $"pipeline '{id}' is {instance.RuntimeStatus.ToString().ToLowerInvariant()}: nothing to decide"))
            : (running, null);
    }
}
