using System.Text.RegularExpressions;
using Soakline.Pipeline.Domain;
using YamlDotNet.RepresentationModel;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>components:</c>, a mapping from component name to its paths, hosts, commands and health check.</summary>
internal static partial class ComponentsReader
{
    public static IReadOnlyList<ComponentSpec> Read(MappingReader root, RetentionSpec retention)
    {
        var section = root.Mapping("components", required: true);
        if (section is null)
        {
            return [];
        }

        var components = new List<ComponentSpec>();
        var entries = section.Entries();
        foreach (var (name, node, path) in entries)
        {
            var validName = Names.Check(root.Context, path, name);
            var reader = MappingReader.Open(node, path, root.Context);
            if (reader is null)
            {
                continue;
            }

            var component = ReadComponent(name, reader, retention);
            if (validName && component is not null)
            {
                components.Add(component);
            }
        }

        if (entries.Count == 0)
        {
            root.Context.Error(section.Path, section.Node, "must declare at least one component");
        }

        return components;
    }

    private static ComponentSpec? ReadComponent(string name, MappingReader reader, RetentionSpec retention)
    {
        var paths = reader.StringList("paths", required: true);
        foreach (var (pattern, index) in (paths ?? []).Select((p, i) => (p, i)))
        {
            if (!Glob.TryParse(pattern, out _, out var error))
            {
                reader.Context.Error($"{reader.ChildPath("paths")}[{index}]", error!);
            }
        }

        var hosts = ReadHosts(reader);
        var releaseRoot = reader.String("releaseRoot", required: true);
        // Relative roots are allowed: a local host resolves them under its base directory (several hosts on one
        // machine), an SSH host under the login user's home. '..' would escape either, so it is refused.
        if (releaseRoot is not null && (!ReleaseRootPattern().IsMatch(releaseRoot) || releaseRoot.Split('/').Contains("..")))
        {
            reader.Error("releaseRoot", $"'{releaseRoot}' is not a path of letters, digits, '.', '_', '-' and '/' (absolute, or relative to the host's base directory, without '..')");
        }

        var sharedPaths = reader.StringList("sharedPaths") ?? [];
        var deploy = reader.String("deploy");
        var restart = reader.String("restart");
        var variables = ReadVariables(reader);
        var health = ReadHealth(reader);
        var keep = reader.Int("keepReleases", 1, 100) ?? retention.KeepReleases;
        reader.RejectUnknownKeys();

        return paths is null || hosts is null || releaseRoot is null
            ? null
            : new ComponentSpec(name, paths, hosts, releaseRoot, sharedPaths, deploy, restart, variables, health, keep);
    }

    private static Dictionary<string, IReadOnlyList<string>>? ReadHosts(MappingReader component)
    {
        var section = component.Mapping("hosts", required: true);
        if (section is null)
        {
            return null;
        }

        var hosts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (environment, _, path) in section.Entries())
        {
            var list = section.StringList(environment, required: true);
            if (list is null)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                // Host names end up in SSH connections, URLs and incident text: nothing a shell or URL would reinterpret.
                if (!HostPattern().IsMatch(list[i]))
                {
                    component.Context.Error($"{path}[{i}]", $"'{list[i]}' is not a host name (letters, digits, '.', '-', '_', an optional user@ and :port)");
                }
            }

            hosts[environment] = list;
        }

        if (hosts.Count == 0)
        {
            component.Error("hosts", "must list hosts for at least one environment");
        }

        return hosts;
    }

    private static List<EnvironmentVariableSpec> ReadVariables(MappingReader component)
    {
        var section = component.Mapping("env");
        var variables = new List<EnvironmentVariableSpec>();
        if (section is null)
        {
            return variables;
        }

        foreach (var (name, node, path) in section.Entries())
        {
            if (!VariableNamePattern().IsMatch(name))
            {
                component.Context.Error(path, $"'{name}' is not a valid environment variable name (letters, digits and '_', not starting with a digit)");
                continue;
            }

            if (node is YamlScalarNode scalar)
            {
                variables.Add(new EnvironmentVariableSpec(name, scalar.Value ?? string.Empty, null));
                continue;
            }

            var reference = MappingReader.Open(node, path, component.Context);
            var secret = reference?.String("secret", required: true);
            reference?.RejectUnknownKeys();
            if (secret is not null && Names.Check(component.Context, $"{path}.secret", secret))
            {
                variables.Add(new EnvironmentVariableSpec(name, null, secret));
            }
        }

        return variables;
    }

    private static HealthCheckSpec? ReadHealth(MappingReader component)
    {
        var health = component.Mapping("health");
        if (health is null)
        {
            return null;
        }

        var url = UrlReader.Template(health, "url", required: true, allowHostPlaceholder: true);
        var attempts = health.Int("attempts", 1, 1000) ?? SpecDefaults.HealthAttempts;
        var delay = health.Duration("delay") ?? SpecDefaults.HealthDelay;
        var timeout = health.Duration("timeout") ?? SpecDefaults.HealthTimeout;
        health.RejectUnknownKeys();
        return url is null ? null : new HealthCheckSpec(url, attempts, delay, timeout);
    }

    [GeneratedRegex("^([A-Za-z0-9._-]+@)?[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex("^/?[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?$|^/$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseRootPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableNamePattern();
}
