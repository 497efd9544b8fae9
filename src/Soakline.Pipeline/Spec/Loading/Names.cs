using System.Text.RegularExpressions;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Names of environments, components, metrics, channels and secrets: they become instance ids, labels and keys.</summary>
internal static partial class Names
{
    public const string Hint = "letters, digits, '-' and '_', starting with a letter";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    /// <summary>Reports an invalid name at its path; returns whether it was valid.</summary>
    public static bool Check(SpecReadContext context, string path, string name)
    {
        if (IsValid(name))
        {
            return true;
        }

        context.Error(path, $"'{name}' is not a valid name ({Hint})");
        return false;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
