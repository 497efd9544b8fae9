namespace Soakline.Pipeline.Spec;

/// <summary>One deployable part of the repository (an API, a frontend) and where it runs.</summary>
/// <param name="Paths">Globs of repository paths; a push that changes none of them leaves the component alone.</param>
/// <param name="Hosts">Hosts per environment name.</param>
/// <param name="SharedPaths">Paths linked from the shared directory into every release (.env, logs, uploads).</param>
public sealed record ComponentSpec(
    string Name,
    IReadOnlyList<string> Paths,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Hosts,
    string ReleaseRoot,
    IReadOnlyList<string> SharedPaths,
    string? DeployCommand,
    string? RestartCommand,
    IReadOnlyList<EnvironmentVariableSpec> Variables,
    HealthCheckSpec? Health,
    int KeepReleases)
{
    public IReadOnlyList<string> HostsIn(string environment) =>
        Hosts.TryGetValue(environment, out var hosts) ? hosts : [];
}
