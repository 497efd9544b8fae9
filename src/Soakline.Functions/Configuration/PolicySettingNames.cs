namespace Soakline.Functions.Configuration;

/// <summary>
/// The protection policy's settings (docs/operations.md, "Protection policy"). The repositories are one setting; each
/// environment has a group of settings under <c>Soakline__Policy__Environments__&lt;environment&gt;__</c>.
/// </summary>
internal static class PolicySettingNames
{
    /// <summary>The configuration section of the per-environment settings.</summary>
    public const string EnvironmentsSection = "Soakline:Policy:Environments";

    public const string Kind = "Kind";
    public const string Branches = "Branches";
    public const string RequireApproval = "RequireApproval";
    public const string Approvers = "Approvers";
    public const string Hosts = "Hosts";
    public const string ProbeHosts = "ProbeHosts";

    public static IReadOnlyList<string> EnvironmentKeys { get; } = [Kind, Branches, RequireApproval, Approvers, Hosts, ProbeHosts];

    /// <summary>The operator-facing name of one environment setting, e.g. <c>Soakline__Policy__Environments__production__Hosts</c>.</summary>
    public static string ForEnvironment(string environment, string key) => $"Soakline__Policy__Environments__{environment}__{key}";
}
