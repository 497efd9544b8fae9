using Microsoft.Extensions.Configuration;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters;

/// <summary>
/// Resolves the spec's secret names from the app settings <c>Soakline__Secrets__&lt;name&gt;</c>; under Azure
/// Functions those are Key Vault references the platform resolves. A missing secret is an error naming it.
/// </summary>
internal sealed class ConfigurationSecretResolver(IConfiguration configuration) : ISecretResolver
{
    public const string Section = "Soakline:Secrets";

    public Task<IReadOnlyDictionary<string, string>> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var section = configuration.GetSection(Section);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names)
        {
            var value = section[name];
            if (string.IsNullOrEmpty(value) || value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            {
                missing.Add(name);
            }
            else
            {
                values[name] = value;
            }
        }

        return missing.Count > 0
            ? throw new KeyNotFoundException($"Secret(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} not set: add the app setting Soakline__Secrets__<name> (a Key Vault reference under Azure).")
            : Task.FromResult<IReadOnlyDictionary<string, string>>(values);
    }
}
