using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Configuration;

/// <summary>The protection policy from the app's validated settings (trusted configuration: app settings, Key Vault).</summary>
internal sealed class SettingsProtectionPolicySource(AppSettings settings) : IProtectionPolicySource
{
    public Task<ProtectionPolicy> GetPolicyAsync(RepositoryRef repository, CancellationToken cancellationToken) => Task.FromResult(settings.Policy);
}
