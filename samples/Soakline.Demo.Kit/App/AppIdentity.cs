using System.Net;
using System.Security.Cryptography;
using Soakline.Demo.Kit.Processes;

namespace Soakline.Demo.Kit.App;

/// <summary>
/// What makes one Soakline installation itself across restarts: where it listens, its task hub (its durable state in
/// storage) and engine worker id, and the secrets generated for this run. A restarted process with the same identity
/// picks up the same pipelines and partitions and honours the approval links and webhook signatures of the one before.
/// </summary>
/// <param name="ApiKey">The demo operator's named API key (<see cref="ApiKeyName"/>): reads the API, signs in to the dashboard.</param>
/// <param name="WorkerSlot">
/// Names this process among the installation's processes on one task hub (its engine worker id is the hub plus the
/// slot): one process uses the default; several processes (the chaos proof runs two) each need their own slot.
/// </param>
public sealed record AppIdentity(Uri BaseUrl, string TaskHub, string ApiKey, string WebhookSecret, string ApprovalSigningKey, string WorkerSlot = "app")
{
    /// <summary>Who the demo's API key stands for: the identity its decisions would be recorded under.</summary>
    public const string ApiKeyName = "demo-operator";

    public static AppIdentity NewOnLoopback() => new(
        new Uri($"http://127.0.0.1:{FreePort.On(IPAddress.Loopback)}/"),
        "demo" + Guid.NewGuid().ToString("N")[..12],
        RandomHex(32),
        RandomHex(32),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));

    /// <summary>The app's settings that carry this identity.</summary>
    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_URLS"] = BaseUrl.AbsoluteUri.TrimEnd('/'),
        ["Soakline__TaskHub"] = TaskHub,

        // One stable engine worker id per installation: a restarted process takes its partitions back at once instead
        // of waiting for the dead process's leases to expire.
        ["Soakline__Engine__WorkerId"] = TaskHub + "-" + WorkerSlot,
        ["Soakline__ApiKeys"] = $"{ApiKeyName}={ApiKey}",
        ["Soakline__GitHub__WebhookSecret"] = WebhookSecret,
        ["Soakline__Approvals__SigningKey"] = ApprovalSigningKey,
        ["Soakline__ApprovalMail__PublicBaseUrl"] = BaseUrl.AbsoluteUri,
    };

    private static string RandomHex(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();
}
