using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// A dimension to filter on, as a KQL expression: a column (<c>AppVersion</c>) or a key in a dynamic bag
/// (<c>Properties.version</c> becomes <c>tostring(Properties["version"])</c>). Parsed strictly because it is pasted
/// into queries.
/// </summary>
internal sealed partial record KqlDimension(string Expression)
{
    public static KqlDimension Parse(string text)
    {
        var match = DimensionPattern().Match(text ?? "");
        if (!match.Success)
        {
            throw new ArgumentException($"AzureMonitor:VersionDimension '{text}' must be a column name or 'bag.key' (e.g. AppVersion, Properties.version).");
        }

        return match.Groups["key"].Success
            ? new KqlDimension($"tostring({match.Groups["column"].Value}[{KqlString.Literal(match.Groups["key"].Value)}])")
            : new KqlDimension(match.Groups["column"].Value);
    }

    [GeneratedRegex(@"^(?<column>[A-Za-z_][A-Za-z0-9_]*)(\.(?<key>[A-Za-z0-9_.\-]{1,100}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DimensionPattern();
}
