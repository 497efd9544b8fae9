using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Configuration;
using Soakline.Functions.Observability;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// <c>POST /api/github/webhook</c>. Checks run cheapest first and each failure changes nothing: size (413), signature
/// over the raw body (401), headers and JSON (400), then a claim of the delivery id in the <see cref="IDeliveryLedger"/>.
/// Only the request that wins the claim routes the delivery; a copy that finds it handled, or claimed by a request
/// routing it right now, answers 200 "duplicate". Routing that fails (a payload missing a field: 400; anything else: the
/// request fails) releases the claim, so the rejected delivery leaves no trace and GitHub's redelivery is accepted.
/// </summary>
public static class GitHubWebhookEndpoint
{
    public const string Route = "/api/github/webhook";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync).WithName("GitHubWebhook");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AppSettings settings, IDeliveryLedger ledger, GitHubEventRouter router, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GitHubWebhookEndpoint));
        var cancellationToken = http.RequestAborted;
        var eventName = http.Request.Headers[EventHeader].ToString();
        var deliveryId = http.Request.Headers[DeliveryHeader].ToString();
        Activity.Current?.SetTag("github.event", eventName).SetTag("github.delivery", deliveryId);

        var body = await BodyReader.ReadAsync(http.Request, settings.WebhookMaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(logger, eventName, StatusCodes.Status413PayloadTooLarge, "too-large", $"the body exceeds {settings.WebhookMaxBodyBytes} bytes ({SettingNames.WebhookMaxBodyBytes})");
        }

        if (!WebhookSignature.IsValid(body, http.Request.Headers[WebhookSignature.HeaderName].ToString(), settings.WebhookSecret))
        {
            return Reject(logger, eventName, StatusCodes.Status401Unauthorized, "bad-signature", $"{WebhookSignature.HeaderName} is missing or does not match the body under the webhook secret");
        }

        if (eventName.Length == 0 || deliveryId.Length == 0 || deliveryId.Length > 100)
        {
            return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", $"the {EventHeader} and {DeliveryHeader} headers are required");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", $"the body is not JSON: {ex.Message}");
        }

        using (document)
        {
            var claim = await ledger.ClaimAsync(deliveryId, cancellationToken);
            if (!claim.IsClaimed)
            {
                return Duplicate(logger, eventName, claim);
            }

            int status;
            WebhookReply reply;
            try
            {
                (status, reply) = await router.RouteAsync(eventName, document.RootElement, cancellationToken);
            }
            catch (WebhookPayloadException ex)
            {
                await ledger.ReleaseAsync(claim, CancellationToken.None);
                return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", ex.Message);
            }
            catch
            {
                // Not routed (or not known to be): free the id for GitHub's redelivery, then fail as before. Released
                // even when the request was aborted, hence no request token.
                await ledger.ReleaseAsync(claim, CancellationToken.None);
                throw;
            }

            // Routed: recorded even if GitHub hung up meanwhile, so its redelivery is a duplicate.
            await ledger.CompleteAsync(claim, CancellationToken.None);
            Count(eventName, reply.Status);
            logger.LogInformation("GitHub delivery {DeliveryId} ({Event}): {Outcome} {InstanceId}", deliveryId, eventName, reply.Status, reply.InstanceId);
            return Results.Json(reply, statusCode: status);
        }
    }

    private static IResult Duplicate(ILogger logger, string eventName, DeliveryClaim claim)
    {
        Count(eventName, "duplicate");
        var detail = claim.Outcome == DeliveryClaimOutcome.InProgress
            ? $"delivery {claim.DeliveryId} is being handled by another request"
            : $"delivery {claim.DeliveryId} was handled before";
        logger.LogInformation("GitHub delivery ({Event}) ignored: {Detail}", eventName, detail);
        return Results.Json(new WebhookReply("duplicate", detail), statusCode: StatusCodes.Status200OK);
    }

    private static IResult Reject(ILogger logger, string eventName, int status, string outcome, string detail)
    {
        Count(eventName, outcome);
        logger.LogWarning("GitHub webhook rejected with {Status}: {Detail}", status, detail);
        return Results.Json(new WebhookReply("rejected", detail), statusCode: status);
    }

    private static void Count(string eventName, string outcome) =>
        SoaklineTelemetry.WebhooksReceived.Add(1, new KeyValuePair<string, object?>("event", eventName.Length == 0 ? "none" : eventName), new KeyValuePair<string, object?>("outcome", outcome));
}
