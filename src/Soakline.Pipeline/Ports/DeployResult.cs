using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record DeployResult(string Component, IReadOnlyList<HostDeployResult> Hosts)
{
    public bool AllSucceeded => Hosts.All(h => h.Succeeded);
}
