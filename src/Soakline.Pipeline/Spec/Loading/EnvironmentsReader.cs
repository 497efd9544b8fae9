namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>environments:</c>, a mapping from environment name to its kind and concurrency.</summary>
internal static class EnvironmentsReader
{
    public static IReadOnlyList<EnvironmentSpec> Read(MappingReader root)
    {
        var section = root.Mapping("environments");
        if (section is null)
        {
            return SpecDefaults.Environments;
        }

        var environments = new List<EnvironmentSpec>();
        var entries = section.Entries();
        foreach (var (name, node, path) in entries)
        {
            var validName = Names.Check(root.Context, path, name);
            var environment = MappingReader.Open(node, path, root.Context);
            if (environment is null)
            {
                continue;
            }

            var kind = environment.Enum("kind", SpecNames.EnvironmentKinds, required: true);
            var concurrency = environment.Enum("concurrency", SpecNames.ConcurrencyModes);
            var url = UrlReader.Absolute(environment, "url");
            environment.RejectUnknownKeys();

            if (validName && kind is not null)
            {
                var defaultConcurrency = kind == EnvironmentKind.Production ? ConcurrencyMode.Refuse : ConcurrencyMode.Queue;
                environments.Add(new EnvironmentSpec(name, kind.Value, concurrency ?? defaultConcurrency, url));
            }
        }

        if (entries.Count == 0)
        {
            root.Context.Error(section.Path, section.Node, "must declare at least one environment");
        }

        return environments;
    }
}
