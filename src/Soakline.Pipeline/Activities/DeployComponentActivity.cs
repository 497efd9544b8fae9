using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>
/// Deploys one component's release to some hosts. The order carries secret <em>names</em>; their values are resolved
/// here, just before the deploy call, because activity inputs are stored in durable history and secrets must not be.
/// </summary>
public sealed class DeployComponentActivity(IDeployTarget deployTarget, ISecretResolver secrets) : TaskActivity<DeployOrder, DeployResult>
{
    public override async Task<DeployResult> RunAsync(TaskActivityContext context, DeployOrder input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = input.Target;
        if (input.SecretVariables.Count > 0)
        {
            var values = await secrets.ResolveAsync([.. input.SecretVariables.Values.Distinct(StringComparer.Ordinal)], CancellationToken.None).ConfigureAwait(false);
            var environment = new Dictionary<string, string>(target.Environment, StringComparer.Ordinal);
            foreach (var (variable, secretName) in input.SecretVariables)
            {
                environment[variable] = values.TryGetValue(secretName, out var value)
                    ? value
                    : throw new InvalidOperationException($"Secret '{secretName}' (for {variable} of component '{target.Component}') could not be resolved.");
            }

            target = target with { Environment = environment };
        }

        var request = new DeployRequest(target, input.Hosts, input.Release, input.Commit, input.ArtifactPath, Fence: input.Fence);
        return await deployTarget.DeployAsync(request, CancellationToken.None).ConfigureAwait(false);
    }
}
