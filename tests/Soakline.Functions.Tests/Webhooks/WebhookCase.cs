using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Webhooks;

/// <summary>One generated webhook request: any body, any headers, signed correctly or not.</summary>
/// <param name="EventName">X-GitHub-Event, or null to leave the header out.</param>
/// <param name="DeliveryId">X-GitHub-Delivery, or null to leave the header out.</param>
/// <param name="Signature">X-Hub-Signature-256, or null to leave the header out.</param>
/// <param name="ContentType">The Content-Type header, or null to leave it out.</param>
internal sealed record WebhookCase(byte[] Body, string? EventName, string? DeliveryId, string? Signature, string? ContentType)
{
    /// <summary>
    /// Whether the signature is GitHub's for this body under the webhook secret, computed here, independently of the
    /// app's verifier (hex digits in either case are the same signature).
    /// </summary>
    public bool IsSignedCorrectly =>
        Signature is not null
        && string.Equals(Signature, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(TestSettings.WebhookSecretBytes, Body)), StringComparison.OrdinalIgnoreCase);

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GitHubWebhookEndpoint.Route) { Content = new ByteArrayContent(Body) };
        if (ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        Add(request.Headers, GitHubWebhookEndpoint.EventHeader, EventName);
        Add(request.Headers, GitHubWebhookEndpoint.DeliveryHeader, DeliveryId);
        Add(request.Headers, WebhookSignature.HeaderName, Signature);
        return request;
    }

    public override string ToString() =>
        $"event={EventName ?? "(none)"} delivery={DeliveryId ?? "(none)"} signature={Signature ?? "(none)"} content-type={ContentType ?? "(none)"} signed={IsSignedCorrectly} body({Body.Length})={Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)])}";

    private static void Add(HttpRequestHeaders headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
