using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <param name="Target">The component target with literal environment variables only.</param>
/// <param name="SecretVariables">Environment variable name to secret name, resolved in the activity.</param>
/// <param name="Fence">The decision this deploy belongs to (see <see cref="EffectFence"/>).</param>
public sealed record DeployOrder(
    ComponentTarget Target,
    IReadOnlyDictionary<string, string> SecretVariables,
    IReadOnlyList<string> Hosts,
    ReleaseId Release,
    CommitRef Commit,
    string ArtifactPath,
    EffectFence? Fence = null);
