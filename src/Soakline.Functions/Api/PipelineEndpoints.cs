using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Observability;
using Soakline.Functions.Releases;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Api;

/// <summary>
/// <c>/api/pipelines</c>: the list (filters: repository, branch, status, limit), one pipeline with its environment runs
/// and timeline, and the approve, reject and abort actions, which raise the events the running pipeline waits for.
/// </summary>
public static class PipelineEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapPipelineEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/pipelines", ListAsync);
        api.MapGet("/pipelines/{id}", GetAsync);
        api.MapPost("/pipelines/{id}/approve", (string id, DecisionBody? body, DurableTaskClient client, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct) => DecideAsync(id, true, body, client, clock, loggers, ct));
        api.MapPost("/pipelines/{id}/reject", (string id, DecisionBody? body, DurableTaskClient client, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct) => DecideAsync(id, false, body, client, clock, loggers, ct));
        api.MapPost("/pipelines/{id}/abort", AbortAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(DurableTaskClient client, string? repository, string? branch, string? status, int? limit, CancellationToken ct)
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
                return BadRequest($"repository: {ex.Message}");
            }

            prefix = ReleaseInstanceIds.PrefixFor(repo, branch);
        }
        else if (branch is not null)
        {
            return BadRequest("branch: filter by branch together with repository (owner/name)");
        }

        OrchestrationRuntimeStatus[]? statuses = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return BadRequest($"status: '{status}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}");
            }

            statuses = [parsed];
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return BadRequest($"limit: must be 1 to {MaxLimit}, was {take}");
        }

        return Results.Ok(await PipelineQueries.ListAsync(client, prefix, statuses, take, ct));
    }

    private static async Task<IResult> GetAsync(string id, DurableTaskClient client, IPipelineTimeline timeline, CancellationToken ct)
    {
        var detail = await PipelineQueries.DetailAsync(client, timeline, id, ct);
        return detail is null
            ? Results.Json(new ApiError($"pipeline '{id}' does not exist"), statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(detail);
    }

    private static async Task<IResult> DecideAsync(string id, bool approved, DecisionBody? body, DurableTaskClient client, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.By))
        {
            return BadRequest("by: who decides is required (an approver's address)");
        }

        var targets = await RunningTargetsAsync(client, id, ct);
        if (targets.Error is { } error)
        {
            return error;
        }

        var decision = new ApprovalDecision(approved, body.By.Trim(), clock.GetUtcNow(), body.Comment);
        foreach (var target in targets.Ids)
        {
            await client.RaiseEventAsync(target, PipelineEvents.Approval, decision, ct);
        }

        var verb = approved ? "approved" : "rejected";
        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", verb));
        loggers.CreateLogger(typeof(PipelineEndpoints)).LogInformation("Pipeline {InstanceId} {Decision} by {Actor} through the API", id, verb, decision.DecidedBy);
        return Results.Accepted(value: new { status = verb, instanceId = id });
    }

    private static async Task<IResult> AbortAsync(string id, AbortBody? body, DurableTaskClient client, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason))
        {
            return BadRequest("reason: why the pipeline is aborted is required");
        }

        if (string.IsNullOrWhiteSpace(body.By))
        {
            return BadRequest("by: who aborts is required");
        }

        var targets = await RunningTargetsAsync(client, id, ct);
        if (targets.Error is { } error)
        {
            return error;
        }

        foreach (var target in targets.Ids)
        {
            await client.RaiseEventAsync(target, PipelineEvents.Abort, new AbortRequest(body.Reason.Trim(), body.By.Trim()), ct);
        }

        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", "abort"));
        loggers.CreateLogger(typeof(PipelineEndpoints)).LogWarning("Pipeline {InstanceId} abort requested by {Actor}: {Reason}", id, body.By, body.Reason);
        return Results.Accepted(value: new { status = "abort-requested", instanceId = id });
    }

    private static async Task<(IReadOnlyList<string> Ids, IResult? Error)> RunningTargetsAsync(DurableTaskClient client, string id, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(id, ct);
        if (instance is null)
        {
            return ([], Results.Json(new ApiError($"pipeline '{id}' does not exist"), statusCode: StatusCodes.Status404NotFound));
        }

        var running = await DurablePipelineSignals.RunningFamilyAsync(client, id, ct);
        return running.Count == 0
            ? ([], Results.Json(new ApiError($"pipeline '{id}' is {instance.RuntimeStatus.ToString().ToLowerInvariant()}: nothing to decide"), statusCode: StatusCodes.Status409Conflict))
            : (running, null);
    }

    internal static IResult BadRequest(string error) => Results.Json(new ApiError(error), statusCode: StatusCodes.Status400BadRequest);
}
