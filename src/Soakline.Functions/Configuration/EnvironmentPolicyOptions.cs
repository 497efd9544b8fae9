namespace Soakline.Functions.Configuration;

/// <summary>One environment's policy settings as written (<c>Soakline__Policy__Environments__&lt;environment&gt;__*</c>).</summary>
internal sealed class EnvironmentPolicyOptions
{
    public string? Kind { get; set; }

    public string? Branches { get; set; }

    public string? RequireApproval { get; set; }

    public string? Approvers { get; set; }

    public string? Hosts { get; set; }

    public string? ProbeHosts { get; set; }

    /// <summary>
    /// Keys under this environment that are not policy settings (a misspelt <c>Aprovers</c>). The binder skips keys it
    /// has no property for, and a misspelt approvers list would silently mean "no approvers", so they are kept to refuse.
    /// </summary>
    public List<string> UnknownKeys { get; } = [];
}
