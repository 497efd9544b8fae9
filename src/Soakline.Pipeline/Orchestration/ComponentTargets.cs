using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>Translates the spec's view of a component into what the deploy target, router and probe take.</summary>
internal static class ComponentTargets
{
    /// <summary>The deploy target with literal variables only; secrets go separately as names (see <see cref="SecretVariables"/>).</summary>
    public static ComponentTarget For(ComponentSpec component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var literals = component.Variables.Where(v => !v.IsSecret).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
        return new ComponentTarget(component.Name, component.ReleaseRoot, component.SharedPaths, component.DeployCommand, component.RestartCommand, literals, component.KeepReleases);
    }

    public static IReadOnlyDictionary<string, string> SecretVariables(ComponentSpec component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Variables.Where(v => v.IsSecret).ToDictionary(v => v.Name, v => v.SecretName!, StringComparer.Ordinal);
    }

    /// <summary>Health probes of some hosts; empty when the component declares no health check.</summary>
    /// <param name="release">The release those hosts should be serving, when known: it tags the probe samples.</param>
    public static IReadOnlyList<HealthCheckRequest> Probes(ComponentSpec component, IEnumerable<string> hosts, ReleaseId? release, int? attempts = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Health is not { } health
            ? []
            : [.. hosts.Select(h => new HealthCheckRequest(health.UrlFor(h), attempts ?? health.Attempts, health.Delay, health.Timeout, release))];
    }
}
