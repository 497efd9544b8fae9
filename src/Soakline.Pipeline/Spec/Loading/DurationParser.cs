using System.Globalization;
using System.Text.RegularExpressions;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Durations as people write them in YAML: <c>500ms</c>, <c>5s</c>, <c>30m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static partial class DurationParser
{
    public const string Hint = "a duration such as 30s, 5m, 1h30m or 2d";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || !WholePattern().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in PartPattern().Matches(text))
        {
            var amount = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return true;
    }

    /// <summary>The inverse of <see cref="TryParse"/>, for documentation and messages.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (duration.Days > 0) parts.Add(FormattableString.Invariant($"{duration.Days}d"));
        if (duration.Hours > 0) parts.Add(FormattableString.Invariant($"{duration.Hours}h"));
        if (duration.Minutes > 0) parts.Add(FormattableString.Invariant($"{duration.Minutes}m"));
        if (duration.Seconds > 0) parts.Add(FormattableString.Invariant($"{duration.Seconds}s"));
        if (duration.Milliseconds > 0) parts.Add(FormattableString.Invariant($"{duration.Milliseconds}ms"));
        return string.Concat(parts);
    }

    [GeneratedRegex("^([0-9]{1,6}(ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex WholePattern();

    [GeneratedRegex("([0-9]{1,6})(ms|d|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
