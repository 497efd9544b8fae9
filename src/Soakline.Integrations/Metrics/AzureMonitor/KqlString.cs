using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>KQL string literals for values that come from outside (versions, keys).</summary>
internal static class KqlString
{
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("A value used in a KQL query must not contain control characters.", nameof(value));
            }

            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
