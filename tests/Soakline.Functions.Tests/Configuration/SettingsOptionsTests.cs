using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Soakline.Functions.Configuration;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Configuration;

/// <summary>
/// The settings as options: each group is validated by the host on start even where no entry point runs the start-up
/// check first, and the reader turns the groups' separate failures into one list.
/// </summary>
public sealed class SettingsOptionsTests
{
    /// <summary>A host with only the settings, over the test settings with these changes.</summary>
    private static IHost Host(params (string Key, string Value)[] changes)
    {
        var values = TestSettings.Defaults();
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSoaklineSettings();
        return builder.Build();
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_each_bad_group_failing_under_its_setting_names()
    {
        using var host = Host(("Soakline:TaskHub", "soak-line"), ("Soakline:Watchdog:Grace", "5 minutes"));

        var refused = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var failures = refused.InnerExceptions.Select(e => Assert.IsType<OptionsValidationException>(e)).ToList();
        Assert.Equal([typeof(SoaklineOptions), typeof(WatchdogOptions)], failures.Select(f => f.OptionsType).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Contains(failures.SelectMany(f => f.Failures), f => f.StartsWith("Soakline__TaskHub 'soak-line' is not a task hub name", StringComparison.Ordinal));
        Assert.Contains(failures.SelectMany(f => f.Failures), f => f.StartsWith("Soakline__Watchdog__Grace must be a duration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Valid_settings_start_the_host_and_read_into_one_settings_object()
    {
        using var host = Host(("Soakline:Watchdog:Grace", "00:02:00"), ("MonitorSchedule", "0 0 * * * *"));

        await host.StartAsync();
        var settings = AppSettingsReader.Read(host.Services);
        await host.StopAsync();

        Assert.Equal(TimeSpan.FromMinutes(2), settings.Watchdog.Limits.Grace);
        Assert.Equal("0 0 * * * *", settings.MonitorSchedule);
        Assert.Equal("soaklinetest", settings.TaskHub);
    }

    [Fact]
    public void The_reader_lists_the_problems_of_every_group_in_one_exception()
    {
        using var host = Host(
            ("Soakline:TaskHub", "soak-line"),
            ("MonitorSchedule", "hourly"),
            ("Soakline:Watchdog:Grace", "5 minutes"),
            ("Soakline:Telemetry:Console", "yes"),
            ("Soakline:Policy:Repositories", "acme"));

        var refused = Assert.Throws<AppSettingsException>(() => AppSettingsReader.Read(host.Services));

        Assert.Equal(
            ["Soakline__TaskHub", "MonitorSchedule", "Soakline__Watchdog__Grace", "Soakline__Telemetry__Console", "Soakline__Policy__Repositories"],
            refused.Problems.Select(p => p.Split([' ', ':'], 2)[0]));
    }
}
