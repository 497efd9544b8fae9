using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <param name="Target">The component target with literal environment variables only.</param>
/// <param name="SecretVariables">Environment variable name to secret name, resolved in the activity.</param>
public sealed record DeployOrder(
    ComponentTarget Target,
    IReadOnlyDictionary<string, string> SecretVariables,
    IReadOnlyList<string> Hosts,
    ReleaseId Release,
    CommitRef Commit,
    string ArtifactPath);
