using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>Builds webhook requests the way GitHub sends them: JSON body, event, delivery id and signature headers.</summary>
public static class GitHubDeliveries
{
    public const string Repository = "acme/shop";
    public const string Sha = "0123456789abcdef0123456789abcdef01234567";

    public static string Push(string branch = "main", string sha = Sha, string reference = "") => JsonSerializer.Serialize(new
    {
        @ref = reference.Length > 0 ? reference : "refs/heads/" + branch,
        before = new string('1', 40),
        after = sha,
        deleted = false,
        repository = new { full_name = Repository, name = "shop", owner = new { login = "acme" } },
        pusher = new { name = "ada" },
        head_commit = new { id = sha, message = "Fix the basket total", timestamp = "2026-11-23T07:40:00Z", author = new { name = "Ada", username = "ada" } },
    });

    public static string WorkflowRun(string sha = Sha, string branch = "main", string conclusion = "success") => JsonSerializer.Serialize(new
    {
        action = "completed",
        workflow_run = new { id = 42, name = "e2e", head_branch = branch, head_sha = sha, conclusion, html_url = "https://github.com/acme/shop/actions/runs/42" },
        repository = new { full_name = Repository },
    });

    public static HttpRequestMessage Request(string eventName, string body, string? deliveryId = null, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, GitHubWebhookEndpoint.Route) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GitHubWebhookEndpoint.EventHeader, eventName);
        request.Headers.Add(GitHubWebhookEndpoint.DeliveryHeader, deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add(WebhookSignature.HeaderName, signature ?? WebhookSignature.Compute(bytes, TestSettings.WebhookSecretBytes));
        request.Headers.Add("User-Agent", "GitHub-Hookshot/test");
        return request;
    }
}
