using Microsoft.Extensions.Configuration;

namespace Soakline.Functions.Configuration;

/// <summary>
/// A live view of a configuration in which every unresolved Key Vault reference is absent, for the readers of optional
/// settings (the adapters, the spec's secrets): to them an unresolved reference is a setting that is not there, not a
/// token, key or password whose value is the reference text. <see cref="AppSettingsReader"/> reads the original and warns
/// about each one by name.
/// </summary>
internal static class ResolvedConfiguration
{
    public static IConfiguration Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ConfigurationBuilder().Add(new Source(configuration)).Build();
    }

    private sealed class Source(IConfiguration inner) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(inner);
    }

    /// <summary>Reads through to the original on every lookup, so later changes to it show (no snapshot).</summary>
    private sealed class Provider(IConfiguration inner) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            var found = inner[key];
            value = found is null || KeyVaultReference.IsUnresolved(found) ? null : found;
            return value is not null;
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            var parent = parentPath is null ? inner : inner.GetSection(parentPath);
            return parent.GetChildren()
                .Where(child => !IsHidden(child))
                .Select(child => child.Key)
                .Concat(earlierKeys)
                .Order(ConfigurationKeyComparer.Instance);
        }

        private static bool IsHidden(IConfigurationSection section) =>
            KeyVaultReference.IsUnresolved(section.Value) && !section.GetChildren().Any();
    }
}
