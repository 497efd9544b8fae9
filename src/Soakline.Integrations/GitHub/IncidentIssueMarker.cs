using System.Text.RegularExpressions;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// The hidden marker that ties an issue to an incident key: an HTML comment at the top of the issue body, invisible on
/// GitHub but searchable. Keys are restricted so they cannot close the comment early (no '>', no spaces). They allow '~'
/// and up to 200 characters because a rollback's key holds its pipeline's instance id
/// (<c>rollback:&lt;environment&gt;:release:&lt;owner&gt;:&lt;name&gt;:&lt;branch&gt;:&lt;sha&gt;</c>), where a branch's '/'
/// is written '~' (hotfix/x becomes hotfix~x) and the SHA alone has 40 characters.
/// </summary>
internal static partial class IncidentIssueMarker
{
    public static string For(string key) => $"<!-- soakline-incident-key: {Validate(key)} -->";

    public static bool IsFor(string? body, string key) => body is not null && body.Contains(For(key), StringComparison.Ordinal);

    public static string Validate(string key)
    {
        if (key is null || !KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"Incident key '{key}' must be 1 to 200 characters of letters, digits and . _ : / - ~.", nameof(key));
        }

        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9._:/~-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
