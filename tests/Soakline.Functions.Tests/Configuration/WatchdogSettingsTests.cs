using Microsoft.Extensions.Configuration;
using Soakline.Functions.Configuration;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Watchdog;

namespace Soakline.Functions.Tests.Configuration;

/// <summary><c>Soakline__Watchdog__*</c>: safe defaults, and every bad value named at once with the others.</summary>
public sealed class WatchdogSettingsTests
{
    private static AppSettings Read(Dictionary<string, string?> values) =>
        AppSettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Unset_the_watchdog_runs_every_5_minutes_with_the_default_limits()
    {
        var settings = Read(TestSettings.Defaults());

        Assert.Equal("0 */5 * * * *", settings.Watchdog.Schedule);
        Assert.Equal(WatchdogLimits.Default, settings.Watchdog.Limits);
    }

    [Fact]
    public void Set_values_are_read()
    {
        var values = TestSettings.Defaults();
        values["Soakline:Watchdog:Schedule"] = "*/2 * * * * *";
        values["Soakline:Watchdog:Grace"] = "00:00:00";
        values["Soakline:Watchdog:StepLimit"] = "01:00:00";
        values["Soakline:Watchdog:PendingLimit"] = "1.00:00:00";

        var watchdog = Read(values).Watchdog;

        Assert.Equal("*/2 * * * * *", watchdog.Schedule);
        Assert.Equal(new WatchdogLimits(TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromDays(1)), watchdog.Limits);
    }

    [Fact]
    public void Every_bad_watchdog_setting_is_named_at_once_with_the_other_problems()
    {
        var values = TestSettings.Defaults();
        values["Soakline:TaskHub"] = "soak-line";
        values["Soakline:Watchdog:Schedule"] = "every minute";
        values["Soakline:Watchdog:Grace"] = "5 minutes";
        values["Soakline:Watchdog:StepLimit"] = "00:00:00";
        values["Soakline:Watchdog:PendingLimit"] = "8.00:00:00";

        var message = Assert.Throws<AppSettingsException>(() => Read(values)).Message;

        Assert.Contains("Soakline__TaskHub 'soak-line' is not a task hub name", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Watchdog__Schedule: 'every minute' is not an NCRONTAB expression", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Watchdog__Grace must be a duration [d.]hh:mm:ss from 00:00:00 to 1.00:00:00, was '5 minutes'.", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Watchdog__StepLimit must be a duration [d.]hh:mm:ss from 00:00:01 to 7.00:00:00, was '00:00:00'.", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Watchdog__PendingLimit must be a duration [d.]hh:mm:ss from 00:00:01 to 7.00:00:00, was '8.00:00:00'.", message, StringComparison.Ordinal);
    }
}
