using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The result of putting a release on some hosts of a component and probing them.</summary>
/// <param name="SwitchedHosts">Hosts whose <c>current</c> now points at the new release (these need rolling back on failure).</param>
public sealed record HostDeployment(string Component, IReadOnlyList<string> SwitchedHosts, bool Succeeded, string Detail);

/// <summary>Deploys a release to hosts of one component, then health-checks every host that switched.</summary>
internal static class HostDeployer
{
    public static async Task<HostDeployment> DeployAndVerifyAsync(
        PipelineSteps steps,
        ComponentChange change,
        IReadOnlyList<string> hosts,
        ReleaseId release,
        CommitRef commit,
        string artifactPath)
    {
        var component = change.Component;
        var order = new DeployOrder(ComponentTargets.For(component), ComponentTargets.SecretVariables(component), hosts, release, commit, artifactPath, steps.Fence);
        var deployed = await steps.Call<DeployResult>(nameof(DeployComponentActivity), order);
        var switched = deployed.Hosts.Where(h => h.Succeeded).Select(h => h.Host).ToList();
        if (!deployed.AllSucceeded)
        {
            var failed = string.Join("; ", deployed.Hosts.Where(h => !h.Succeeded).Select(h => $"{h.Host}: {h.Error}"));
            return new HostDeployment(component.Name, switched, false, $"deploy of {component.Name} failed on {failed}");
        }

        var probes = ComponentTargets.Probes(component, switched, release);
        var results = await Task.WhenAll(probes.Select(p => steps.Call<HealthCheckResult>(nameof(CheckHealthActivity), p)));
        var unhealthy = results.Where(r => !r.Healthy).ToList();
        if (unhealthy.Count > 0)
        {
            var detail = string.Join("; ", unhealthy.Select(r => $"{r.Url} {r.Error ?? r.LastStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} after {r.AttemptsUsed} attempts"));
            return new HostDeployment(component.Name, switched, false, $"health check of {component.Name} failed: {detail}");
        }

        return new HostDeployment(component.Name, switched, true, $"{component.Name} {release} on {string.Join(", ", switched)}");
    }
}
