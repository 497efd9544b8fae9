namespace Soakline.Integrations.Deploy.Shell;

/// <summary>POSIX single-quote quoting: the only quoting the command builder uses.</summary>
/// <remarks>
/// Inside single quotes a POSIX shell interprets nothing at all, so wrapping a word in quotes and turning every
/// embedded quote into <c>'\''</c> (close, escaped quote, reopen) yields exactly one word with exactly that text.
/// Double quotes or backslash escaping would leave <c>$</c>, backticks or history expansion to get wrong.
/// </remarks>
internal static class ShellQuoting
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            // A NUL byte cannot travel through a shell at all; refusing is better than truncating silently.
            throw new ArgumentException("A shell word cannot contain a NUL character.", nameof(word));
        }

        return "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }
}
