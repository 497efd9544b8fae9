using Soakline.Functions.Configuration;

namespace Soakline.Functions.Scheduling;

/// <summary>
/// The two monitor timers: their function names and NCRONTAB schedules, as the timer functions declare them for the
/// Functions host and as the standalone scheduler reads them, so both modes sweep at the same instants. The union of the
/// business-hours timer (<c>%MonitorSchedule%</c>) and the every-15-minutes timer gives 5-minute sweeps in business hours
/// and 15-minute sweeps otherwise; instants both fire on are one sweep (its id comes from the instant).
/// </summary>
internal static class MonitorTimers
{
    public const string BusinessHoursFunction = "MonitorTimer";
    public const string BusinessHoursSchedule = "%" + SettingNames.MonitorSchedule + "%";
    public const string OffHoursFunction = "MonitorOffHoursTimer";
    public const string OffHoursSchedule = "0 */15 * * * *";

    /// <summary>Function name and schedule (with <c>%setting%</c> references unresolved) of each timer.</summary>
    public static IReadOnlyList<(string Function, string Schedule)> All { get; } =
    [
        (BusinessHoursFunction, BusinessHoursSchedule),
        (OffHoursFunction, OffHoursSchedule),
    ];
}
