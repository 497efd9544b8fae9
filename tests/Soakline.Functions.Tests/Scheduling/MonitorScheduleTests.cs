using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Scheduling;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Scheduling;

/// <summary>
/// Standalone, the scheduler fires the monitor timers' NCRONTAB schedules (MonitorTimers) on the app's clock: every 5 minutes in
/// business hours (08:00-18:59 UTC, Monday to Friday), every 15 minutes otherwise, one sweep per instant.
/// </summary>
public sealed class MonitorScheduleTests : IAsyncLifetime
{
    private readonly string _specPath = Path.Combine(Path.GetTempPath(), $"soakline-spec-{Guid.NewGuid():N}.yml");
    private readonly SoaklineAppFactory _app;

    public MonitorScheduleTests()
    {
        File.WriteAllText(_specPath, "monitoring:\n  checks: []\n");
        _app = new SoaklineAppFactory()
            .With("Soakline__Monitoring__Repository", "acme/shop")
            .With("Soakline__Monitoring__SpecPath", _specPath);
    }

    public Task InitializeAsync()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 18, 47, 0, TimeSpan.Zero));
        _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_specPath);
    }

    /// <summary>Advances the fake clock to each occurrence the scheduler is waiting for, and returns them.</summary>
    private async Task<List<DateTimeOffset>> FireAsync(int count)
    {
        var scheduler = _app.Services.GetRequiredService<MonitorScheduler>();
        var fired = new List<DateTimeOffset>();
        DateTimeOffset? previous = null;
        for (var i = 0; i < count; i++)
        {
            var next = await WaitForAsync(() => scheduler.NextOccurrence is { } n && n != previous ? n : null);
            _app.Clock.SetUtcNow(next);
            fired.Add(next);
            previous = next;
        }

        // Let the last occurrence's sweep start before the caller looks.
        await WaitForAsync(() => scheduler.NextOccurrence is { } n && n != previous ? n : null);
        return fired;
    }

    private static async Task<DateTimeOffset> WaitForAsync(Func<DateTimeOffset?> probe)
    {
        // A short recheck: the scheduler arms its next timer within moments of the clock moving.
        var armed = await Eventually.MatchAsync(
            () => Task.FromResult(probe()),
            next => next is not null,
            TimeSpan.FromSeconds(10),
            "the scheduler to arm its next timer",
            recheckInterval: TimeSpan.FromMilliseconds(5));
        return armed!.Value;
    }

    [Fact]
    public async Task Sweeps_every_5_minutes_in_business_hours_and_every_15_minutes_after()
    {
        var fired = await FireAsync(5);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 23, 18, 50, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 18, 55, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 19, 15, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero),
            ],
            fired);
        var sweeps = (await _app.InstancesAsync("monitor:")).Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["monitor:acme:shop:20261123T185000Z", "monitor:acme:shop:20261123T185500Z", "monitor:acme:shop:20261123T190000Z", "monitor:acme:shop:20261123T191500Z", "monitor:acme:shop:20261123T193000Z"],
            sweeps);
        Assert.All(await _app.InstancesAsync("monitor:"), i => Assert.Equal("MonitorSweepOrchestrator", i.Name));
    }

    [Fact]
    public async Task The_sweep_input_carries_the_repository_and_the_spec_text()
    {
        await FireAsync(1);

        var sweep = Assert.Single(await _app.InstancesAsync("monitor:"));
        var input = sweep.ReadInputAs<Soakline.Pipeline.Orchestration.MonitorSweepRequest>()!;
        Assert.Equal(("acme/shop", "monitoring:\n  checks: []\n"), (input.Repository.FullName, input.SpecYaml));
    }
}
