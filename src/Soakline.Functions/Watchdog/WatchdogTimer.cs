using Soakline.Functions.Configuration;

namespace Soakline.Functions.Watchdog;

/// <summary>
/// The watchdog's timer function and its schedule, as the timer function declares it for the Functions host and the
/// standalone <see cref="WatchdogScheduler"/> reads it. The host resolves <c>%Soakline:Watchdog:Schedule%</c> from the
/// app setting <c>Soakline__Watchdog__Schedule</c> (as it resolves <c>%Soakline:TaskHub%</c> in host.json).
/// </summary>
internal static class WatchdogTimer
{
    public const string Function = "WatchdogTimer";
    public const string Schedule = "%Soakline:Watchdog:Schedule%";

    /// <summary>Whether a <c>%name%</c> reference names the watchdog's schedule setting.</summary>
    public static bool IsScheduleSetting(string name) =>
        string.Equals(SettingNames.ToConfigurationKey(name), SettingNames.ToConfigurationKey(SettingNames.WatchdogSchedule), StringComparison.OrdinalIgnoreCase);
}
