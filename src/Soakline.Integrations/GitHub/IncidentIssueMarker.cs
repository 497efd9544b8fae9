using System.Text.RegularExpressions;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// The hidden marker that ties an issue to an incident key: an HTML comment at the top of the issue body, invisible on
/// GitHub but searchable. Keys are restricted so they cannot close the comment early.
/// </summary>
internal static partial class IncidentIssueMarker
{
    public static string For(string key) => $"<!-- soakline-incident-key: {Validate(key)} -->";

    public static bool IsFor(string? body, string key) => body is not null && body.Contains(For(key), StringComparison.Ordinal);

    public static string Validate(string key)
    {
        if (key is null || !KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"Incident key '{key}' must be 1 to 100 characters of letters, digits and . _ : / -.", nameof(key));
        }

        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9._:/-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
