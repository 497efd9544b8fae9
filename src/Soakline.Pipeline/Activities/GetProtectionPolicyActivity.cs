using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Reads the protection policy from trusted configuration; its result in history is the policy the pipeline obeyed.</summary>
public sealed class GetProtectionPolicyActivity(IProtectionPolicySource source) : TaskActivity<RepositoryRef, ProtectionPolicy>
{
    public override async Task<ProtectionPolicy> RunAsync(TaskActivityContext context, RepositoryRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await source.GetPolicyAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
