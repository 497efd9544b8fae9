using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Policy;

/// <summary>The protection rules of one environment.</summary>
/// <param name="Name">The environment's name as specs use it (<c>production</c>).</param>
/// <param name="Kind">What the environment is; a spec that calls a production environment staging is refused.</param>
/// <param name="Branches">Globs (<see cref="Glob"/>) of the branches allowed to deploy here.</param>
/// <param name="RequireApproval">Whether a human must approve each release; always true in effect for production.</param>
/// <param name="Approvers">Who may approve releases here (email addresses or identities).</param>
/// <param name="Hosts">The deploy hosts of this environment, named as specs name them.</param>
/// <param name="ProbeHosts">Further host names (or IP addresses) health, latency, TLS and DNS checks of this environment may reach.</param>
public sealed record EnvironmentPolicy(
    string Name,
    EnvironmentKind Kind,
    IReadOnlyList<string> Branches,
    bool RequireApproval,
    IReadOnlyList<string> Approvers,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> ProbeHosts)
{
    /// <summary>Production always needs an approval, whatever the setting says.</summary>
    public bool ApprovalRequired => RequireApproval || Kind == EnvironmentKind.Production;

    public bool AllowsBranch(string branch) => Branches.Any(pattern => Glob.TryParse(pattern, out var glob, out _) && glob.IsMatch(branch));

    public bool HasHost(string host) => Hosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    public bool IsApprover(string identity) => Approvers.Contains(identity, StringComparer.OrdinalIgnoreCase);
}
