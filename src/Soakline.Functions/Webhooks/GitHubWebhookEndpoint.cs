using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Soakline.Functions.Api;
using Soakline.Functions.Configuration;
using Soakline.Functions.Observability;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// <c>POST /api/github/webhook</c>. Checks run cheapest first and each failure changes nothing: size (413), signature
/// over the raw body (401), content type (415 for a form-encoded delivery), headers and JSON (400); each refusal is
/// problem details naming the header or field, then (for every event but a ping, which changes nothing) a claim of the
/// delivery id in the <see cref="IDeliveryLedger"/>.
/// Only the request that wins the claim routes the delivery; a copy that finds it handled, or claimed by a request
/// routing it right now, answers 200 "duplicate". Standalone, a push that starts a pipeline is answered 202 "accepted"
/// as soon as its claim, which records the push, is written; <see cref="ReleaseStartPump"/> starts the pipeline (under
/// Azure Functions the push is started before the answer: 202 "started" or 200 "exists"). Routing that fails (a payload missing a field: 400; anything else: the
/// request fails) releases the claim, so the rejected delivery leaves no trace and GitHub's redelivery is accepted.
/// </summary>
internal static class GitHubWebhookEndpoint
{
    public const string Route = "/api/github/webhook";
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";

    /// <summary>The longest X-GitHub-Event or X-GitHub-Delivery accepted (the delivery ledger keys on the id).</summary>
    public const int MaxHeaderLength = 100;

    /// <summary>GitHub's test delivery, sent when a webhook is created or on "Redeliver" of it.</summary>
    public const string PingEvent = "ping";

    /// <summary>A push to a branch: the event that starts a release pipeline.</summary>
    public const string PushEvent = "push";

    /// <summary>The metrics' event tag until the signature verified.</summary>
    public const string Unverified = "unverified";

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync).WithName("GitHubWebhook");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AppSettings settings, IDeliveryLedger ledger, GitHubEventRouter router, ILoggerFactory loggers)
    {
        // Standalone, the pump holds pipeline starts while answers are in flight (see WebhookAnswersInFlight).
        using var inFlight = http.RequestServices.GetService<WebhookAnswersInFlight>()?.Enter();
        return await AnswerAsync(http, settings, ledger, router, loggers);
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, AppSettings settings, IDeliveryLedger ledger, GitHubEventRouter router, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(GitHubWebhookEndpoint));
        var cancellationToken = http.RequestAborted;
        var eventName = http.Request.Headers[EventHeader].ToString();
        var deliveryId = http.Request.Headers[DeliveryHeader].ToString();

        var body = await BodyReader.ReadAsync(http.Request, settings.WebhookMaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject(logger, Unverified, StatusCodes.Status413PayloadTooLarge, "too-large", $"the body exceeds {settings.WebhookMaxBodyBytes} bytes ({SettingNames.WebhookMaxBodyBytes})");
        }

        if (!WebhookSignature.IsValid(body, http.Request.Headers[WebhookSignature.HeaderName].ToString(), settings.WebhookSecret))
        {
            // Unsigned requests say anything in X-GitHub-Event; tagging metrics with it would let anyone create series.
            return Reject(logger, Unverified, StatusCodes.Status401Unauthorized, "bad-signature", $"{WebhookSignature.HeaderName} is missing or does not match the body under the webhook secret");
        }

        Activity.Current?.SetTag("github.event", eventName).SetTag("github.delivery", deliveryId);
        if (IsFormEncoded(http.Request))
        {
            return Reject(logger, eventName, StatusCodes.Status415UnsupportedMediaType, "form-encoded", "the delivery is form-encoded (application/x-www-form-urlencoded); set the webhook's Content type to application/json in its GitHub settings", ("Content-Type", "must be application/json"));
        }

        if ((HeaderProblem(EventHeader, eventName) ?? HeaderProblem(DeliveryHeader, deliveryId)) is { } header)
        {
            return Reject(logger, eventName.Length > MaxHeaderLength ? Unverified : eventName, StatusCodes.Status400BadRequest, "malformed", header.ToString(), (header.Field, header.Message));
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // Found by the webhook fuzzer: JSON with invalid UTF-8 inside a string parses, then reading that string
            // throws (a 500); GitHub sends UTF-8 only.
            return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", "body: not valid UTF-8", ("body", "not valid UTF-8"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", $"body: not JSON: {ex.Message}", ("body", $"not JSON: {ex.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                // Found by the webhook fuzzer: a signed ping whose body was `null` failed reading its fields (500).
                return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", $"body: a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object", ("body", "must be a JSON object"));
            }

            if (eventName == PingEvent)
            {
                // A ping changes nothing, so a copy of it may be answered again: no ledger claim and completion (two
                // storage writes that made up most of a ping's answer time under load).
                var (pingStatus, pong) = await router.RouteAsync(eventName, document.RootElement, cancellationToken);
                Count(eventName, pong.Status);
                return Results.Json(pong, statusCode: pingStatus);
            }

            if (eventName == PushEvent && http.RequestServices.GetService<ReleaseStartPump>() is { } pump)
            {
                PushPlan plan;
                try
                {
                    plan = await router.PlanPushAsync(document.RootElement, cancellationToken);
                }
                catch (WebhookPayloadException ex)
                {
                    return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", ex.Message, ex.Field is { } field ? (field, ex.Problem!) : null);
                }

                if (plan.ToStart is { } push && PendingPush.CanRecord(push))
                {
                    return await AcceptAsync(logger, ledger, pump, deliveryId, push, cancellationToken);
                }
            }

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
                return Reject(logger, eventName, StatusCodes.Status400BadRequest, "malformed", ex.Message, ex.Field is { } field ? (field, ex.Problem!) : null);
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
            // Most deliveries (a CI run of a commit no pipeline waits for) reach no instance: no "(null)" at the end.
            if (reply.InstanceId is null)
            {
                logger.LogInformation("GitHub delivery {DeliveryId} ({Event}): {Outcome}", deliveryId, eventName, reply.Status);
            }
            else
            {
                logger.LogInformation("GitHub delivery {DeliveryId} ({Event}): {Outcome} {InstanceId}", deliveryId, eventName, reply.Status, reply.InstanceId);
            }

            return Results.Json(reply, statusCode: status);
        }
    }

    /// <summary>
    /// A push to start, standalone: answered 202 "accepted" once the claim that records the push is written (the one
    /// storage write on the answer's path); <see cref="ReleaseStartPump"/> starts the pipeline and completes the claim.
    /// </summary>
    private static async Task<IResult> AcceptAsync(ILogger logger, IDeliveryLedger ledger, ReleaseStartPump pump, string deliveryId, PushReceived push, CancellationToken cancellationToken)
    {
        var claim = await ledger.ClaimToStartAsync(deliveryId, push, cancellationToken);
        if (!claim.IsClaimed)
        {
            return Duplicate(logger, PushEvent, claim);
        }

        pump.Accept(claim, push);
        var reply = GitHubEventRouter.Accepted(push);
        Count(PushEvent, reply.Status);
        logger.LogInformation("GitHub delivery {DeliveryId} ({Event}): {Outcome} {InstanceId}", deliveryId, PushEvent, reply.Status, reply.InstanceId);
        return Results.Json(reply, statusCode: StatusCodes.Status202Accepted);
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

    /// <summary>
    /// A rejected delivery: problem details, which GitHub shows in the delivery log. <paramref name="field"/> names
    /// the header or part of the body to fix, when there is one.
    /// </summary>
    private static ProblemHttpResult Reject(ILogger logger, string eventName, int status, string outcome, string detail, (string Name, string Message)? field = null)
    {
        Count(eventName, outcome);
        logger.LogWarning("GitHub webhook rejected with {Status}: {Detail}", status, detail);
        return field is { } bad
            ? TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [bad.Name] = [bad.Message] } })
            : TypedResults.Problem(detail: detail, statusCode: status);
    }

    /// <summary>
    /// GitHub's delivery ids are GUIDs and its event names short words; anything longer is refused by name, and so are
    /// characters a storage key cannot hold (the delivery ledger keys on the id; found by the webhook fuzzer as a 500).
    /// </summary>
    private static FieldError? HeaderProblem(string name, string value) => value.Length switch
    {
        0 => new FieldError(name, "required"),
        > MaxHeaderLength => new FieldError(name, $"{value.Length} characters, at most {MaxHeaderLength}"),
        _ when value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) => new FieldError(name, "must not contain '/', '\\', '#', '?' or control characters"),
        _ => null,
    };

    private static bool IsFormEncoded(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static void Count(string eventName, string outcome) =>
        SoaklineTelemetry.WebhooksReceived.Add(1, new KeyValuePair<string, object?>("event", eventName.Length == 0 ? "none" : eventName), new KeyValuePair<string, object?>("outcome", outcome));
}
