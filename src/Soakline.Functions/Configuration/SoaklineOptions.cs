namespace Soakline.Functions.Configuration;

/// <summary>
/// The core settings under <c>Soakline__</c>, as the operator wrote them. Values stay text here: the configuration binder
/// stops at the first value it cannot convert (and its message quotes the value), while the validator reports every bad
/// setting at once and never echoes a secret.
/// </summary>
internal sealed class SoaklineOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Soakline";

    public string? TaskHub { get; set; }

    public string? ApiKeys { get; set; }

    /// <summary>The retired single unnamed key: read only to refuse it with what to do instead.</summary>
    public string? ApiKey { get; set; }

    public GitHubWebhookOptions GitHub { get; } = new();

    public ApprovalLinkOptions Approvals { get; } = new();

    public StorageOptions Storage { get; } = new();
}
