using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Pipeline.Domain;

/// <summary>
/// A glob for branch names and repository paths, with GitHub's meaning: <c>*</c> matches any characters except
/// <c>/</c>, <c>**</c> matches any characters including <c>/</c>, <c>?</c> matches one character except <c>/</c>.
/// A pattern ending in <c>/**</c> also matches the directory itself.
/// </summary>
public sealed class Glob
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public static Glob Parse(string pattern) =>
        TryParse(pattern, out var glob, out var error) ? glob : throw new FormatException(error);

    public static bool TryParse(string? pattern, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Glob? glob, out string? error)
    {
        glob = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "a pattern must not be empty";
            return false;
        }

        if (pattern.Contains("***", StringComparison.Ordinal))
        {
            error = $"pattern '{pattern}' has '***'; use '*' (one segment) or '**' (any depth)";
            return false;
        }

        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "dir/**" also matches "dir" itself, and "**/x" matches "x" at the root.
                var atEnd = i + 2 == pattern.Length;
                var followedBySlash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                if (followedBySlash)
                {
                    regex.Append("(?:.*/)?");
                    i += 2;
                }
                else if (atEnd && regex.Length > 1 && regex[^1] == '/')
                {
                    regex.Length--;
                    regex.Append("(?:/.*)?");
                    i++;
                }
                else
                {
                    regex.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        glob = new Glob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant, MatchTimeout));
        error = null;
        return true;
    }

    public bool IsMatch(string value) => _regex.IsMatch(value);

    public override string ToString() => Pattern;
}
