using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Soakline.Latency;

/// <summary>
/// Webhook deliveries signed as GitHub signs them. Each one has a fresh delivery id, and a push a fresh commit, so every
/// push starts a pipeline (202 "accepted": recorded, and started by the app's pump).
/// </summary>
internal sealed class SignedDeliveries(string webhookSecret, string repository)
{
    private static readonly byte[] PingBody = JsonSerializer.SerializeToUtf8Bytes(new { zen = "Keep it logically awesome.", hook_id = 1 });
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(webhookSecret);

    /// <summary>The next delivery of <paramref name="eventName"/> ("ping" or "push").</summary>
    public SignedDelivery Next(string eventName)
    {
        var body = eventName == "push" ? PushBody() : PingBody;
        return new SignedDelivery(eventName, Guid.NewGuid().ToString(), "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)), body);
    }

    private byte[] PushBody()
    {
        var sha = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var (owner, name) = (repository.Split('/')[0], repository.Split('/')[1]);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            @ref = "refs/heads/main",
            before = new string('1', 40),
            after = sha,
            deleted = false,
            repository = new { full_name = repository, name, owner = new { login = owner } },
            pusher = new { name = "latency" },
            head_commit = new { id = sha, message = "Measure the webhook", timestamp = "2026-12-07T01:00:00Z", author = new { name = "Latency", username = "latency" } },
        });
    }
}

/// <summary>One signed delivery: its headers' values and its body (compact JSON, one line).</summary>
internal sealed record SignedDelivery(string Event, string DeliveryId, string Signature, byte[] Body);
