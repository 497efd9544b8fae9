using System.Globalization;

namespace Soakline.SampleApp;

/// <summary>
/// Makes a release go bad on purpose, so a canary analysis has something to catch. The release fails when any of:
/// <list type="bullet">
/// <item><c>SAMPLE_FAIL_AFTER=&lt;seconds&gt;</c> is set and the app has run that long;</item>
/// <item>a <c>FAIL_AFTER</c> file in the release (committed to the repository: "this release has a bug") holds a
/// number of seconds and the app has run that long; the release passes its health checks at deploy time and
/// starts failing while it soaks;</item>
/// <item>a <c>FAIL</c> file exists in the release folder (touched by hand or by a test: fails at once).</item>
/// </list>
/// Once failing, <c>/health</c> answers 503 and <c>/api/work</c> 500.
/// </summary>
public sealed class FailureSwitch
{
    public const string FailNowFile = "FAIL";
    public const string FailAfterFile = "FAIL_AFTER";

    private readonly string _failNowPath;
    private readonly TimeSpan? _failAfter;
    private readonly TimeProvider _time;
    private readonly long _startedAt;

    public FailureSwitch(string contentRoot, SampleSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _failNowPath = Path.Combine(contentRoot, FailNowFile);
        _failAfter = Earliest(settings.FailAfter, ReadFailAfterFile(Path.Combine(contentRoot, FailAfterFile)));
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>When the release starts failing on its own, if it does.</summary>
    public TimeSpan? FailAfter => _failAfter;

    public bool IsFailing =>
        (_failAfter is { } after && _time.GetElapsedTime(_startedAt) >= after)
        || File.Exists(_failNowPath); // checked on every call so touching the file takes effect without a restart

    private static TimeSpan? ReadFailAfterFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{FailAfterFile}: '{text}' is not a number of seconds.");
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
