namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>Settings every test app starts with; the secrets are distinctive so a leak into logs is easy to find.</summary>
public static class TestSettings
{
    public const string WebhookSecret = "whsec-TEST-7f3a9c1e5b2d4f60";
    /// <summary>The key of <see cref="ApiKeyName"/>, the approver the tests decide as.</summary>
    public const string ApiKey = "apikey-TEST-0b9d8c7e6f5a4b3c";

    public const string ApiKeyName = "lead@example.com";

    /// <summary>The key of <see cref="OtherKeyName"/>, who holds a key but approves nothing.</summary>
    public const string OtherKey = "apikey-TEST-mallory-9f8e7d6c";

    public const string OtherKeyName = "mallory@example.com";

    /// <summary><c>Soakline__ApiKeys</c> as the tests set it.</summary>
    public const string ApiKeys = ApiKeyName + "=" + ApiKey + "; " + OtherKeyName + "=" + OtherKey;

    /// <summary>48 bytes, base64.</summary>
    public const string SigningKey = "c2lnbmluZy1rZXktVEVTVC0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZg==";

    public static readonly byte[] WebhookSecretBytes = System.Text.Encoding.UTF8.GetBytes(WebhookSecret);

    public static IReadOnlyList<string> Secrets { get; } = [WebhookSecret, ApiKey, OtherKey, SigningKey];

    public static Dictionary<string, string?> Defaults() => new()
    {
        ["Soakline:TaskHub"] = "soaklinetest",
        ["Soakline:ApiKeys"] = ApiKeys,
        ["Soakline:GitHub:WebhookSecret"] = WebhookSecret,
        ["Soakline:Approvals:SigningKey"] = SigningKey,

        // The protection policy allows what GitHubContentsServer.Spec asks for: develop to staging, main and hotfix/*
        // to production (approved by ops@example.com), on the spec's hosts.
        ["Soakline:Policy:Repositories"] = GitHubDeliveries.Repository,
        ["Soakline:Policy:Environments:staging:Kind"] = "staging",
        ["Soakline:Policy:Environments:staging:Branches"] = "develop",
        ["Soakline:Policy:Environments:staging:Hosts"] = "staging-1",
        ["Soakline:Policy:Environments:production:Kind"] = "production",
        ["Soakline:Policy:Environments:production:Branches"] = "main, hotfix/*",
        ["Soakline:Policy:Environments:production:Approvers"] = PolicyApprover,
        ["Soakline:Policy:Environments:production:Hosts"] = "prod-1, prod-2",
    };

    /// <summary>Who may approve production releases under the test policy.</summary>
    public const string PolicyApprover = "ops@example.com";
}
