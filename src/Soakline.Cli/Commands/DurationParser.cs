using System.CommandLine.Parsing;
using System.Globalization;

namespace Soakline.Cli.Commands;

/// <summary>Durations as people type them: <c>2s</c>, <c>500ms</c>, <c>1m</c>, <c>1.5</c> (seconds) or <c>00:00:02</c>.</summary>
internal static class DurationParser
{
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    public static TimeSpan Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (TryParse(text, out var value) && value > TimeSpan.Zero && value <= Max)
        {
            return value;
        }

        result.AddError($"--interval: '{text}' is not a duration between 0 and {Max.TotalMinutes:0} minutes (for example 2s, 500ms, 1m)");
        return default;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string Suffix, Func<double, TimeSpan> Make)[] units = [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes)];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                value = make(number);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
