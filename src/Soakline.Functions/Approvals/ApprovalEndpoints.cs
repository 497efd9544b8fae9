using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Configuration;
using Soakline.Functions.Observability;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Approvals;

/// <summary>
/// <c>GET /approvals/{token}</c> shows what the link would do and a form; only <c>POST /approvals/{token}</c> decides.
/// Forged or tampered links and approvers no longer allowed get 403, expired ones 410, used ones or releases no longer
/// waiting 409. Each check runs before the token is spent, so a refused POST leaves the link usable.
/// </summary>
public static class ApprovalEndpoints
{
    public const string Route = "/approvals/{token}";

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, ShowAsync);
        endpoints.MapPost(Route, DecideAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(string token, IApprovalLinks links, AppSettings settings, DurableTaskClient client, CancellationToken ct)
    {
        var (link, refusal, instance) = await CheckAsync(token, links.InspectAsync, settings, client, ct);
        return refusal ?? ApprovalPages.Confirmation(token, link!, ReleaseSummaryReader.Read(instance!));
    }

    private static async Task<IResult> DecideAsync(string token, HttpRequest request, IApprovalLinks links, AppSettings settings, DurableTaskClient client, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var (link, refusal, _) = await CheckAsync(token, links.InspectAsync, settings, client, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var comment = request.HasFormContentType ? (await request.ReadFormAsync(ct))["comment"].ToString() : null;

        // Spend the token last: a decision that cannot be delivered must not burn the link.
        var redeemed = await links.RedeemAsync(token, ct);
        if (Refusal(redeemed) is { } spent)
        {
            return spent;
        }

        var decision = new ApprovalDecision(link!.Approve, link.Approver, clock.GetUtcNow(), string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        await client.RaiseEventAsync(link.InstanceId, PipelineEvents.Approval, decision, ct);

        var verb = link.Approve ? "approved" : "rejected";
        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", verb));
        loggers.CreateLogger(typeof(ApprovalEndpoints)).LogInformation("Release {InstanceId} {Decision} by {Actor} through an approval link", link.InstanceId, verb, link.Approver);
        return ApprovalPages.Outcome(StatusCodes.Status200OK, link.Approve ? "Release approved" : "Release rejected", $"Recorded: {verb} by {link.Approver}. The pipeline continues on its own; you can close this page.");
    }

    private static async Task<(ApprovalLink? Link, IResult? Refusal, OrchestrationMetadata? Instance)> CheckAsync(
        string token, Func<string, CancellationToken, Task<ApprovalLinkCheck>> inspect, AppSettings settings, DurableTaskClient client, CancellationToken ct)
    {
        var check = await inspect(token, ct);
        if (Refusal(check) is { } refusal)
        {
            return (null, refusal, null);
        }

        var link = check.Link!;
        var instance = await client.GetInstanceAsync(link.InstanceId, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return (link, ApprovalPages.Outcome(StatusCodes.Status404NotFound, "Unknown release", "The release this link was sent for no longer exists."), null);
        }

        // Interim until the decision endpoints are reworked: the run's effective approvers (protection policy) decide.
        if (instance.ReadInputAs<PipelineRun>()?.Approvers is { } approvers && !approvers.Contains(link.Approver, StringComparer.OrdinalIgnoreCase))
        {
            return (link, ApprovalPages.Outcome(StatusCodes.Status403Forbidden, "Not allowed", $"{link.Approver} may not decide this release."), null);
        }

        if (instance.IsCompleted)
        {
            return (link, ApprovalPages.Outcome(StatusCodes.Status409Conflict, "Already decided", $"This release is no longer waiting for a decision ({instance.RuntimeStatus.ToString().ToLowerInvariant()})."), instance);
        }

        return (link, null, instance);
    }

    private static IResult? Refusal(ApprovalLinkCheck check) => check.Status switch
    {
        ApprovalLinkStatus.Valid => null,
        ApprovalLinkStatus.Expired => ApprovalPages.Outcome(StatusCodes.Status410Gone, "Link expired", check.Reason),
        ApprovalLinkStatus.AlreadyUsed => ApprovalPages.Outcome(StatusCodes.Status409Conflict, "Already decided", check.Reason),
        _ => ApprovalPages.Outcome(StatusCodes.Status403Forbidden, "Invalid link", check.Reason),
    };
}
