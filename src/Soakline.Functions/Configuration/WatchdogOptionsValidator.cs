using System.Globalization;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Watchdog;

namespace Soakline.Functions.Configuration;

/// <summary><c>Soakline__Watchdog__*</c>: the defaults for unset ones, one problem per bad one.</summary>
internal sealed class WatchdogOptionsValidator : ProblemListValidator<WatchdogOptions>
{
    protected override void AddProblems(WatchdogOptions options, List<string> problems) => Read(options, problems);

    /// <summary>The watchdog's settings, adding a problem (and taking the default) for each bad value.</summary>
    public static WatchdogSettings Read(WatchdogOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = WatchdogLimits.Default;
        var schedule = SettingValue.Of(options.Schedule) ?? WatchdogSettings.DefaultSchedule;
        if (!MonitoringSchedule.TryParse(schedule, out _, out var error))
        {
            problems.Add($"{SettingNames.WatchdogSchedule}: {error}.");
        }

        var limits = new WatchdogLimits(
            Duration(options.Grace, SettingNames.WatchdogGrace, defaults.Grace, TimeSpan.Zero, TimeSpan.FromDays(1), problems),
            Duration(options.StepLimit, SettingNames.WatchdogStepLimit, defaults.StepLimit, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), problems),
            Duration(options.PendingLimit, SettingNames.WatchdogPendingLimit, defaults.PendingLimit, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), problems));
        return new WatchdogSettings(schedule, limits);
    }

    private static TimeSpan Duration(string? written, string name, TimeSpan fallback, TimeSpan min, TimeSpan max, List<string> problems)
    {
        if (SettingValue.Of(written) is not { } value)
        {
            return fallback;
        }

        // The constant format only ("c", [d.]hh:mm:ss): the binder's TimeSpan conversion would take "5" as five days.
        if (!TimeSpan.TryParseExact(value, "c", CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            problems.Add($"{name} must be a duration [d.]hh:mm:ss from {min:c} to {max:c}, was '{value}'.");
            return fallback;
        }

        return parsed;
    }
}
