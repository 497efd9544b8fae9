using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Authentication;
using Soakline.Functions.Observability;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Api;

/// <summary><c>POST /api/environments/{env}/rollback</c>: an emergency rollback with a scope, a target and a reason.</summary>
internal static class EnvironmentEndpoints
{
    private static readonly string[] Scopes = ["all", "component", "canary"];

    public static RouteGroupBuilder MapEnvironmentEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/environments/{env}/rollback", RollbackAsync);
        return api;
    }

    private static async Task<IResult> RollbackAsync(string env, RollbackBody? body, HttpContext http, IRollbackStarter rollbacks, ILoggerFactory loggers, CancellationToken ct)
    {
        var (by, refusal) = CallerIdentity.Decider(http);
        var (rollback, error) = Validate(env, body, by ?? string.Empty);
        if (rollback is not null && refusal is not null)
        {
            return refusal;
        }

        if (rollback is null)
        {
            return ApiProblems.Invalid(error!.Field, error.Message);
        }

        var id = await rollbacks.StartAsync(rollback, ct);
        if (id is null)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, $"env: no pipeline of {rollback.Repository} has run on '{env}', so there is nothing to roll back");
        }

        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", "rollback"));
        loggers.CreateLogger(typeof(EnvironmentEndpoints)).LogWarning("Emergency rollback {InstanceId} of {Environment} ({Scope}) requested by {Actor}: {Reason}", id, env, rollback.Scope, rollback.RequestedBy, rollback.Reason);
        return Results.Accepted(value: new { status = "rollback-started", instanceId = id });
    }

    private static bool IsReleaseId(string value)
    {
        try
        {
            ReleaseId.Parse(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Checks the body field by field; the error names the first bad one.</summary>
    /// <param name="requestedBy">The authenticated caller; a body naming someone (<c>by</c>) is refused.</param>
    internal static (EmergencyRollback? Rollback, FieldError? Error) Validate(string env, RollbackBody? body, string requestedBy)
    {
        if (string.IsNullOrWhiteSpace(env) || !env.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (null, new FieldError("env", $"'{env}' is not an environment name (letters, digits, '-' and '_')"));
        }

        if (body is null)
        {
            return (null, new FieldError("body", "a JSON object with repository, scope and reason is required"));
        }

        RepositoryRef repository;
        try
        {
            repository = RepositoryRef.Parse(body.Repository ?? string.Empty);
        }
        catch (FormatException ex)
        {
            return (null, new FieldError("repository", ex.Message));
        }

        var scope = (body.Scope ?? "all").Trim().ToLowerInvariant();
        if (!Scopes.Contains(scope))
        {
            return (null, new FieldError("scope", $"'{body.Scope}' is not one of {string.Join(", ", Scopes)}"));
        }

        if (scope == "component" && string.IsNullOrWhiteSpace(body.Component))
        {
            return (null, new FieldError("component", "required when scope is 'component'"));
        }

        if (scope != "component" && !string.IsNullOrWhiteSpace(body.Component))
        {
            return (null, new FieldError("component", $"only allowed with scope 'component' (scope is '{scope}')"));
        }

        var target = string.IsNullOrWhiteSpace(body.Target) || body.Target.Trim().Equals("previous", StringComparison.OrdinalIgnoreCase) ? null : body.Target.Trim();
        if (target is not null && !IsReleaseId(target))
        {
            return (null, new FieldError("target", $"'{target}' is neither 'previous' nor a release id (yyyyMMddTHHmmssZ-<sha>)"));
        }

        if (scope == "canary" && target is not null)
        {
            return (null, new FieldError("target", "a canary abort goes back to what ran before the canary; no target release is allowed"));
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return (null, new FieldError("reason", "why the environment is rolled back is required (it goes to the audit trail and the incident)"));
        }

        if (body.By is not null)
        {
            return (null, new FieldError("by", PipelineEndpoints.RefusedBy));
        }

        return (new EmergencyRollback(repository, env, scope, body.Component?.Trim(), target, body.Reason.Trim(), requestedBy), null);
    }
}
