using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Policy;

/// <summary>
/// What pushes may do, from trusted configuration (app settings, Key Vault) rather than from the pushed commit, in the
/// spirit of GitHub Environments' protection rules: the repositories served and, per environment, the branches that
/// may deploy there, whether a human must approve, who may, and which hosts it has. The pushed
/// <c>.soakline.yml</c> may narrow what the policy allows, never widen it (<see cref="PolicyCheck"/>).
/// </summary>
public sealed record ProtectionPolicy(IReadOnlyList<RepositoryRef> Repositories, IReadOnlyList<EnvironmentPolicy> Environments)
{
    /// <summary>A policy that serves nothing: every push is refused.</summary>
    public static ProtectionPolicy Empty { get; } = new([], []);

    /// <summary>GitHub treats owner and repository names case-insensitively, so the policy does too.</summary>
    public bool Serves(RepositoryRef repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Repositories.Any(r => string.Equals(r.FullName, repository.FullName, StringComparison.OrdinalIgnoreCase));
    }

    public EnvironmentPolicy? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
