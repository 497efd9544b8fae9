using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Observability;
using Soakline.Pipeline.Orchestration;

namespace Soakline.Functions.Approvals;

/// <summary>
/// <c>GET /approvals/{token}</c> shows what the link would do and a form; only <c>POST /approvals/{token}</c> decides,
/// as the approver the signed token was issued to. Forged or tampered links get 403, expired ones 410; an approver
/// who is not one of the run's approvers 403; a release no longer waiting (or a used link) 409, saying who decided and
/// when. The token is spent only after the gate recorded the decision, and the decision's id comes from the token, so
/// a POST that failed or timed out can be retried with the same link without deciding twice.
/// </summary>
internal static class ApprovalEndpoints
{
    public const string Route = "/approvals/{token}";

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, ShowAsync);
        endpoints.MapPost(Route, DecideAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(string token, IApprovalLinks links, DurableTaskClient client, CancellationToken ct)
    {
        var check = await links.InspectAsync(token, ct);
        if (Refusal(check) is { } refusal)
        {
            return refusal;
        }

        var link = check.Link!;
        var instance = await client.GetInstanceAsync(link.InstanceId, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return ApprovalPages.Outcome(StatusCodes.Status404NotFound, "Unknown release", "The release this link was sent for no longer exists.");
        }

        var state = ReadApproval(instance);
        if (state is not null && !state.IsApprover(link.Approver))
        {
            return ApprovalPages.Outcome(StatusCodes.Status403Forbidden, "Not allowed", $"{link.Approver} is not an approver of this release.");
        }

        if (instance.IsCompleted || state is { Outcome: not ApprovalOutcome.Waiting })
        {
            var what = state is { DecidedBy: { } by, DecidedAt: { } at } ? $"{state.Outcome.ToString().ToLowerInvariant()} by {by} at {at:u}" : instance.RuntimeStatus.ToString().ToLowerInvariant();
            return ApprovalPages.Outcome(StatusCodes.Status409Conflict, "Already decided", $"This release is no longer waiting for a decision ({what}).");
        }

        return ApprovalPages.Confirmation(token, link, ReleaseSummaryReader.Read(instance));
    }

    private static async Task<IResult> DecideAsync(string token, HttpRequest request, IApprovalLinks links, DecisionDesk desk, ILoggerFactory loggers, CancellationToken ct)
    {
        var check = await links.InspectAsync(token, ct);
        if (Refusal(check) is { } refusal)
        {
            return refusal;
        }

        var link = check.Link!;
        var form = request.HasFormContentType ? (await request.ReadFormAsync(ct))["comment"].ToString() : null;
        var comment = string.IsNullOrWhiteSpace(form) ? null : form.Trim();
        var answer = await desk.DecideAsync(new DecisionCall(link.InstanceId, link.Approve, link.Approver, comment, DecisionId(token)), ct);
        var verb = link.Approve ? "approved" : "rejected";
        var logger = loggers.CreateLogger(typeof(ApprovalEndpoints));
        if (answer.Kind != DecisionAnswerKind.TookEffect)
        {
            logger.LogInformation("Release {InstanceId}: {Actor}'s approval link ({Decision}) did not take effect ({Answer}): {Reason}", link.InstanceId, link.Approver, verb, answer.Kind, answer.Message);
            return Page(answer);
        }

        // Spent only now that the gate recorded the decision. A POST that failed or timed out before this point left
        // the link usable, and its retry finds the gate's receipt for this token's decision id and spends it here.
        var redeemed = await links.RedeemAsync(token, ct);
        if (redeemed.Status == ApprovalLinkStatus.AlreadyUsed)
        {
            return ApprovalPages.Outcome(StatusCodes.Status409Conflict, "Already decided", $"This link was already used: {answer.Message}.");
        }

        SoaklineTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("decision", verb));
        logger.LogInformation("Release {InstanceId} {Decision} by {Actor} through an approval link", link.InstanceId, verb, link.Approver);
        return ApprovalPages.Outcome(StatusCodes.Status200OK, link.Approve ? "Release approved" : "Release rejected", $"Recorded: {answer.Message}. The pipeline continues on its own; you can close this page.");
    }

    /// <summary>
    /// The decision's id, derived from the token (one-way: the id is shown in the pipeline's status, the token must
    /// not be), so every POST of the same link carries the same id.
    /// </summary>
    internal static string DecisionId(string token) =>
        "link-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("soakline approval decision\n" + token)))[..32];

    private static IResult Page(DecisionAnswer answer) => answer.Kind switch
    {
        DecisionAnswerKind.NotAnApprover => ApprovalPages.Outcome(StatusCodes.Status403Forbidden, "Not allowed", answer.Message + "."),
        DecisionAnswerKind.NotFound => ApprovalPages.Outcome(StatusCodes.Status404NotFound, "Unknown release", "The release this link was sent for no longer exists."),
        DecisionAnswerKind.NotConfirmed => ApprovalPages.Outcome(StatusCodes.Status504GatewayTimeout, "Not confirmed yet", answer.Message + ". This link still works: open it again to confirm or retry; it will not decide twice."),
        _ => ApprovalPages.Outcome(StatusCodes.Status409Conflict, "Already decided", $"This release is no longer waiting for a decision: {answer.Message}."),
    };

    private static ApprovalState? ReadApproval(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<PipelineStatus>()?.Approval;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult? Refusal(ApprovalLinkCheck check) => check.Status switch
    {
        ApprovalLinkStatus.Valid or ApprovalLinkStatus.AlreadyUsed => null,
        ApprovalLinkStatus.Expired => ApprovalPages.Outcome(StatusCodes.Status410Gone, "Link expired", check.Reason),
        _ => ApprovalPages.Outcome(StatusCodes.Status403Forbidden, "Invalid link", check.Reason),
    };
}
