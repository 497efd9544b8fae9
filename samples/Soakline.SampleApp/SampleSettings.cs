using System.Globalization;

namespace Soakline.SampleApp;

/// <summary>
/// How the sample behaves, read once at start from environment variables (the deploy's restart hook passes the
/// component's <c>env</c> through). A malformed value stops the app at start with the variable's name, rather than
/// running with a default nobody asked for.
/// </summary>
public sealed record SampleSettings(
    string? ReleaseId,
    string? Version,
    TimeSpan WorkLatency,
    double WorkErrorRate,
    TimeSpan? FailAfter,
    string? ReadyFile)
{
    public const string ReleaseIdVariable = "SOAKLINE_RELEASE";
    public const string VersionVariable = "SAMPLE_VERSION";
    public const string WorkLatencyVariable = "SAMPLE_WORK_LATENCY_MS";
    public const string WorkErrorRateVariable = "SAMPLE_WORK_ERROR_RATE";
    public const string FailAfterVariable = "SAMPLE_FAIL_AFTER";
    public const string ReadyFileVariable = "SAMPLE_READY_FILE";

    public static SampleSettings FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new SampleSettings(
            Blank(read(ReleaseIdVariable)),
            Blank(read(VersionVariable)),
            TimeSpan.FromMilliseconds(ParseNumber(read, WorkLatencyVariable, 0, 60_000) ?? 0),
            ParseNumber(read, WorkErrorRateVariable, 0, 1) ?? 0,
            ParseNumber(read, FailAfterVariable, 0, 86_400) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Blank(read(ReadyFileVariable)));
    }

    /// <summary>Parses a number in [min, max]; the error names the variable and the allowed range.</summary>
    public static double? ParseNumber(Func<string, string?> read, string variable, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(read);
        var text = Blank(read(variable));
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"{variable}: '{text}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.", variable);
        }

        return value;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
