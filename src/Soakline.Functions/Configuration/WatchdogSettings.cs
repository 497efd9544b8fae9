using Soakline.Pipeline.Watchdog;

namespace Soakline.Functions.Configuration;

/// <summary>The stuck-pipeline watchdog's settings (<c>Soakline__Watchdog__*</c>, see docs/operations.md).</summary>
/// <param name="Schedule">NCRONTAB (six fields, seconds first, UTC) of the watchdog timer: its period.</param>
/// <param name="Limits">How late a step may be before the pipeline counts as stuck.</param>
internal sealed record WatchdogSettings(string Schedule, WatchdogLimits Limits)
{
    /// <summary>Every 5 minutes, around the clock: a stuck release is found within one period plus the grace.</summary>
    public const string DefaultSchedule = "0 */5 * * * *";

    public static WatchdogSettings Default { get; } = new(DefaultSchedule, WatchdogLimits.Default);
}
