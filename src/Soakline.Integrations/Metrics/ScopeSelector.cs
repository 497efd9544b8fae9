using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Metrics;

/// <summary>
/// Which version a query must be restricted to: none for <see cref="MetricScope.All"/>, the query's version for canary
/// and stable. A canary or stable query without a version would silently measure everything, so it is refused.
/// </summary>
internal static class ScopeSelector
{
    public static string? VersionFilter(MetricQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Scope == MetricScope.All)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(query.Version))
        {
            throw new ArgumentException($"Metric '{query.Metric}': scope {query.Scope} needs a Version to select its population.", nameof(query));
        }

        if (query.Version.Length > 200 || query.Version.Any(char.IsControl))
        {
            throw new ArgumentException($"Metric '{query.Metric}': Version must be at most 200 printable characters.", nameof(query));
        }

        return query.Version;
    }
}
