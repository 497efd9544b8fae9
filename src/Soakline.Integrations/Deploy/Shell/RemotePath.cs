using System.Text.RegularExpressions;

namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// A file system path on a deploy host that is safe to hand to a shell: absolute or relative, made of segments of
/// letters, digits and <c>. _ - + @</c>, no segment <c>..</c>, no segment starting with <c>-</c>.
/// </summary>
/// <remarks>
/// The pattern is deliberately narrower than what file systems allow. A release root or shared path with a space,
/// a quote or a <c>$</c> in it is far more likely an injection attempt or a typo than a real layout, and refusing
/// it up front keeps the builder's guarantee simple: a <see cref="RemotePath"/> is one inert word.
/// No <c>..</c> keeps shared paths inside the release; no leading <c>-</c> keeps a path from reading as an option.
/// </remarks>
public sealed partial record RemotePath
{
    private RemotePath(string value) => Value = value;

    public string Value { get; }

    public bool IsAbsolute => Value.StartsWith('/');

    /// <summary>The last segment, e.g. <c>logs</c> for <c>shared/logs</c>.</summary>
    public string Name => Value.TrimEnd('/').Split('/')[^1];

    /// <summary>Validates <paramref name="value"/>; the error names <paramref name="field"/> and shows the bad value.</summary>
    public static RemotePath Parse(string? value, string field)
    {
        if (TryParse(value, out var path))
        {
            return path;
        }

        throw new ArgumentException(
            $"{field}: '{value}' is not an allowed path (segments of letters, digits and . _ - + @; no '..', " +
            "no segment starting with '-', no spaces, quotes or shell characters).", field);
    }

    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RemotePath? path)
    {
        path = null;
        if (string.IsNullOrEmpty(value) || value.Length > 1024 || !PathPattern().IsMatch(value))
        {
            return false;
        }

        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".." || s.StartsWith('-')))
        {
            return false;
        }

        path = new RemotePath(value.Length > 1 ? value.TrimEnd('/') : value);
        return true;
    }

    /// <summary>Appends a relative path; an absolute <paramref name="child"/> would escape, so it is refused.</summary>
    public RemotePath Combine(RemotePath child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.IsAbsolute)
        {
            throw new ArgumentException($"Cannot append absolute path '{child.Value}' to '{Value}'.", nameof(child));
        }

        return new RemotePath(Value == "/" ? "/" + child.Value : Value + "/" + child.Value);
    }

    /// <summary>Appends one segment given as text (validated like any path).</summary>
    public RemotePath Combine(string segment) => Combine(Parse(segment, nameof(segment)));

    /// <summary>The containing directory, or null for a single relative segment or the root.</summary>
    public RemotePath? Parent
    {
        get
        {
            var cut = Value.LastIndexOf('/');
            return cut switch
            {
                < 0 => null,
                0 => Value.Length > 1 ? new RemotePath("/") : null,
                _ => new RemotePath(Value[..cut]),
            };
        }
    }

    public override string ToString() => Value;

    [GeneratedRegex("^/?[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*/?$|^/$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
