using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;

namespace Soakline.Pipeline.Ports;

/// <summary>
/// The protection policy from trusted configuration (app settings, Key Vault), never from the pushed commit. Read
/// through <see cref="Activities.GetProtectionPolicyActivity"/>, so the policy a pipeline decided by is in its history.
/// </summary>
public interface IProtectionPolicySource
{
    /// <summary>The policy that applies to pushes from <paramref name="repository"/> (whether it serves it is the policy's say).</summary>
    Task<ProtectionPolicy> GetPolicyAsync(RepositoryRef repository, CancellationToken cancellationToken);
}
