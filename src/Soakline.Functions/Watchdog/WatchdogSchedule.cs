using Soakline.Functions.Scheduling;

namespace Soakline.Functions.Watchdog;

/// <summary>The watchdog timer's schedule resolved from the settings (a type of its own beside the monitor's in DI).</summary>
internal sealed class WatchdogSchedule(Func<string, string?> resolveSetting)
{
    public MonitorSchedules Schedules { get; } = new([(WatchdogTimer.Function, WatchdogTimer.Schedule)], resolveSetting);
}
