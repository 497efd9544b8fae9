using System.Text;

namespace Soakline.Functions.Scheduling;

/// <summary>Resolves <c>%name%</c> app-setting references in binding values, as the Functions host does.</summary>
internal static class AppSettingReferences
{
    public static string Resolve(string value, Func<string, string?> resolveSetting, string where)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(resolveSetting);
        var result = new StringBuilder();
        var position = 0;
        while (position < value.Length)
        {
            var start = value.IndexOf('%', position);
            if (start < 0)
            {
                result.Append(value, position, value.Length - position);
                break;
            }

            var end = value.IndexOf('%', start + 1);
            if (end < 0)
            {
                throw new FormatException($"{where}: '{value}' has an unclosed '%'.");
            }

            var name = value[(start + 1)..end];
            result.Append(value, position, start - position)
                .Append(resolveSetting(name) ?? throw new FormatException($"{where}: the app setting '{name}' is not set."));
            position = end + 1;
        }

        return result.ToString();
    }
}
