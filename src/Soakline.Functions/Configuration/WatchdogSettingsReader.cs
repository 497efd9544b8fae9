using System.Globalization;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Watchdog;

namespace Soakline.Functions.Configuration;

/// <summary>Reads <c>Soakline__Watchdog__*</c>, adding one problem per bad setting to the app's list.</summary>
internal static class WatchdogSettingsReader
{
    public static WatchdogSettings Read(Func<string, string?> get, List<string> problems)
    {
        var defaults = WatchdogLimits.Default;
        var schedule = get(SettingNames.WatchdogSchedule) ?? WatchdogSettings.DefaultSchedule;
        if (!MonitoringSchedule.TryParse(schedule, out _, out var error))
        {
            problems.Add($"{SettingNames.WatchdogSchedule}: {error}.");
        }

        var limits = new WatchdogLimits(
            Duration(get(SettingNames.WatchdogGrace), SettingNames.WatchdogGrace, defaults.Grace, TimeSpan.Zero, TimeSpan.FromDays(1), problems),
            Duration(get(SettingNames.WatchdogStepLimit), SettingNames.WatchdogStepLimit, defaults.StepLimit, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), problems),
            Duration(get(SettingNames.WatchdogPendingLimit), SettingNames.WatchdogPendingLimit, defaults.PendingLimit, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), problems));
        return new WatchdogSettings(schedule, limits);
    }

    private static TimeSpan Duration(string? value, string name, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            problems.Add($"{name} must be a duration [d.]hh:mm:ss from {min:c} to {max:c}, was '{value}'.");
            return fallback;
        }

        return parsed;
    }
}
