namespace Soakline.Functions.Configuration;

/// <summary>The protection policy as written (<c>Soakline__Policy__*</c>, docs/operations.md "Protection policy").</summary>
internal sealed class PolicyOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Soakline:Policy";

    public string? Repositories { get; set; }

    /// <summary>The environments by name, in configuration order.</summary>
    public Dictionary<string, EnvironmentPolicyOptions> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);
}
