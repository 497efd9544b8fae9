using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Soakline.Functions.Webhooks;

namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>What one flood request is, so the test knows the answer the app owes it.</summary>
internal enum DeliveryKind
{
    ValidPush,
    BadSignature,
    Oversized,
    MalformedJson,
    IgnoredEvent,
    OtherRepository,
}

/// <summary>
/// One webhook request as GitHub sends it (event, delivery id, HMAC-SHA256 signature over the raw body), with the
/// commit it carries and the statuses the app may answer it with.
/// </summary>
internal sealed record FloodDelivery(DeliveryKind Kind, string EventName, string DeliveryId, string Sha, byte[] Body, string Signature)
{
    public const string Owner = "acme";
    public const string Name = "shop";
    public const string Branch = "main";

    public static FloodDelivery Push(string sha, string deliveryId) => Signed(DeliveryKind.ValidPush, "push", deliveryId, sha, PushBody(sha));

    /// <summary>A correct push body whose signature was made with another secret, as a forger would.</summary>
    public static FloodDelivery BadSignature(string sha, string deliveryId)
    {
        var body = PushBody(sha);
        return new(DeliveryKind.BadSignature, "push", deliveryId, sha, body, Sign(body, "not-the-webhook-secret"u8.ToArray()));
    }

    /// <summary>A correctly signed push over the size limit (a huge commit message).</summary>
    public static FloodDelivery Oversized(string sha, string deliveryId) =>
        Signed(DeliveryKind.Oversized, "push", deliveryId, sha, PushBody(sha, message: new string('x', FloodApp.MaxBodyBytes * 2)));

    /// <summary>Signed, but cut off in the middle of the JSON: the commit is in the bytes but must not start anything.</summary>
    public static FloodDelivery MalformedJson(string sha, string deliveryId)
    {
        var whole = PushBody(sha);
        return Signed(DeliveryKind.MalformedJson, "push", deliveryId, sha, whole[..(whole.Length / 2)]);
    }

    /// <summary>An event Soakline does not act on, mentioning a commit all the same.</summary>
    public static FloodDelivery IgnoredEvent(string sha, string deliveryId) =>
        Signed(DeliveryKind.IgnoredEvent, "issues", deliveryId, sha, JsonSerializer.SerializeToUtf8Bytes(new { action = "opened", issue = new { number = 7, title = "see " + sha } }));

    /// <summary>A correctly signed push of a repository the protection policy does not serve: acknowledged, ignored.</summary>
    public static FloodDelivery OtherRepository(string sha, string deliveryId) =>
        Signed(DeliveryKind.OtherRepository, "push", deliveryId, sha, PushBody(sha, owner: "someone", name: "elsewhere"));

    /// <summary>The same delivery, now signed with the webhook secret (GitHub redelivering after the secret was fixed).</summary>
    public FloodDelivery SignedCorrectly() => this with { Kind = DeliveryKind.ValidPush, Signature = Sign(Body, Encoding.UTF8.GetBytes(FloodApp.WebhookSecret)) };

    public HttpStatusCode[] AllowedStatuses => Kind switch
    {
        // The first copy of each delivery id is recorded and answered 202 "accepted" (the app's pump starts the commit's
        // one pipeline); later copies of the id are 200 "duplicate".
        DeliveryKind.ValidPush => [HttpStatusCode.Accepted, HttpStatusCode.OK],
        DeliveryKind.BadSignature => [HttpStatusCode.Unauthorized],
        DeliveryKind.Oversized => [HttpStatusCode.RequestEntityTooLarge],
        DeliveryKind.MalformedJson => [HttpStatusCode.BadRequest],
        DeliveryKind.IgnoredEvent or DeliveryKind.OtherRepository => [HttpStatusCode.Accepted],
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown delivery kind"),
    };

    public bool IsRejected => Kind is DeliveryKind.BadSignature or DeliveryKind.Oversized or DeliveryKind.MalformedJson;

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GitHubWebhookEndpoint.Route) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GitHubWebhookEndpoint.EventHeader, EventName);
        request.Headers.Add(GitHubWebhookEndpoint.DeliveryHeader, DeliveryId);
        request.Headers.Add(WebhookSignature.HeaderName, Signature);
        request.Headers.Add("User-Agent", "GitHub-Hookshot/flood");
        return request;
    }

    private static FloodDelivery Signed(DeliveryKind kind, string eventName, string deliveryId, string sha, byte[] body) =>
        new(kind, eventName, deliveryId, sha, body, Sign(body, Encoding.UTF8.GetBytes(FloodApp.WebhookSecret)));

    // Computed here, independently of the app's verifier, so a verifier bug cannot make the test agree with itself.
    private static string Sign(byte[] body, byte[] secret) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    private static byte[] PushBody(string sha, string message = "Tune the basket total", string owner = Owner, string name = Name) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @ref = "refs/heads/" + Branch,
        before = new string('1', 40),
        after = sha,
        deleted = false,
        repository = new { full_name = $"{owner}/{name}", name, owner = new { login = owner } },
        pusher = new { name = "ada" },
        head_commit = new { id = sha, message, timestamp = "2026-11-23T07:40:00Z", author = new { name = "Ada", username = "ada" } },
    });
}
