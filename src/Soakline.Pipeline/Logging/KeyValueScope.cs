using System.Collections;
using System.Globalization;
using System.Text;

namespace Soakline.Pipeline.Logging;

/// <summary>
/// A log scope of named fields that reads as <c>key=value key=value</c> wherever it is printed: the structured
/// exporters see the pairs, a console formatter that only calls ToString sees the same pairs, never a type name.
/// Fields whose value is null or empty are left out rather than printed as "(null)".
/// </summary>
public sealed class KeyValueScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields;

    public KeyValueScope(params (string Key, object? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields.Where(f => !IsEmpty(f.Value)).Select(f => new KeyValuePair<string, object?>(f.Key, f.Value))];
    }

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Render(_fields);

    /// <summary>
    /// Pairs as <c>key=value</c>, space-separated; a value with a space, quote or equals sign is quoted. Empty values
    /// and the message template (<c>{OriginalFormat}</c>, which the logging framework adds) are left out.
    /// </summary>
    public static string Render(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var text = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            if (IsEmpty(value) || key == "{OriginalFormat}")
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(key).Append('=').Append(Quoted(Convert.ToString(value, CultureInfo.InvariantCulture)!));
        }

        return text.ToString();
    }

    private static bool IsEmpty(object? value) => value is null || (value is string s && s.Length == 0);

    private static string Quoted(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '=')
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
