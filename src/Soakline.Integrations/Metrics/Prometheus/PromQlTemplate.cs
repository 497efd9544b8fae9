using System.Globalization;
using System.Text;

namespace Soakline.Integrations.Metrics.Prometheus;

/// <summary>
/// Fills a spec's PromQL: <c>{version}</c> becomes the scope's version escaped for use inside a double-quoted label
/// matcher (<c>version="{version}"</c>), <c>{window}</c> becomes the window as a range duration (<c>300s</c>).
/// </summary>
internal static class PromQlTemplate
{
    public static string Expand(string promQl, string? version, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(promQl);
        if (promQl.Contains("{version}", StringComparison.Ordinal) && version is null)
        {
            throw new ArgumentException("The PromQL uses {version}, but the metric's scope is 'all', which has no version.", nameof(version));
        }

        var seconds = Math.Max(1, (long)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
        return promQl.Replace("{window}", seconds, StringComparison.Ordinal)
            .Replace("{version}", version is null ? "" : EscapeLabelValue(version), StringComparison.Ordinal);
    }

    private static string EscapeLabelValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
