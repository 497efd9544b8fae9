using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

public sealed class SpecDefaultsTests
{
    private static PipelineSpec LoadMinimal() => PipelineSpecLoader.Load(SpecText.Valid()).GetSpecOrThrow();

    [Fact]
    public void Branch_rules_default_to_the_seeds_branch_strategy()
    {
        var spec = LoadMinimal();

        Assert.Equal(
            [
                new BranchRule("develop", BranchMode.Automatic, "staging"),
                new BranchRule("main", BranchMode.Approval, "production"),
                new BranchRule("hotfix/*", BranchMode.Expedited, "production"),
                new BranchRule("feature/*", BranchMode.Ignore, null),
                new BranchRule("ci-experimental/*", BranchMode.Ignore, null),
            ],
            spec.Branches);
    }

    [Fact]
    public void Environments_default_to_staging_queueing_and_production_refusing()
    {
        var spec = LoadMinimal();

        Assert.Equal(EnvironmentKind.Staging, spec.FindEnvironment("staging")!.Kind);
        Assert.Equal(ConcurrencyMode.Queue, spec.FindEnvironment("staging")!.Concurrency);
        Assert.Equal(EnvironmentKind.Production, spec.FindEnvironment("production")!.Kind);
        Assert.Equal(ConcurrencyMode.Refuse, spec.FindEnvironment("production")!.Concurrency);
    }

    [Fact]
    public void Health_checks_default_to_ten_attempts_five_seconds_apart_and_five_releases_are_kept()
    {
        var api = LoadMinimal().FindComponent("api")!;

        Assert.Equal(10, api.Health!.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(5), api.Health.Delay);
        Assert.Equal(5, api.KeepReleases);
        Assert.Equal(new Uri("http://prod-2/health"), api.Health.UrlFor("prod-2"));
    }

    [Fact]
    public void Strategy_defaults_to_a_5_25_50_100_canary_with_30_minute_soaks()
    {
        var strategy = LoadMinimal().Strategy;

        Assert.Equal(StrategyKind.Canary, strategy.Kind);
        Assert.Equal([5, 25, 50, 100], strategy.Steps);
        Assert.Equal(TimeSpan.FromMinutes(30), strategy.Soak);
        Assert.True(strategy.ExpeditedSoak < strategy.Soak);
    }

    [Fact]
    public void Analysis_defaults_follow_the_seeds_rollback_triggers()
    {
        var analysis = LoadMinimal().Analysis;

        Assert.Equal(3, analysis.FailureLimit);
        Assert.True(analysis.HealthChecks);
        Assert.Contains(analysis.Metrics, m => m.Query == "error-rate" && m.Threshold == new MetricThreshold(ThresholdKind.Max, 5) && m.Window == TimeSpan.FromMinutes(1));
        Assert.Contains(analysis.Metrics, m => m.Query == "latency-p95" && m.Threshold == new MetricThreshold(ThresholdKind.Max, 5));
        Assert.Contains(analysis.Metrics, m => m.Query == "error-rate" && m.Threshold == new MetricThreshold(ThresholdKind.BaselinePlus, 1));
        Assert.Contains(analysis.Metrics, m => m.Query == "latency-p95" && m.Threshold == new MetricThreshold(ThresholdKind.BaselineTimes, 1.2));
    }

    [Fact]
    public void Approval_gates_and_notifications_have_safe_defaults()
    {
        var spec = LoadMinimal();

        Assert.Equal(TimeSpan.FromHours(24), spec.Approval.Timeout);
        Assert.Equal(TimeSpan.FromHours(1), spec.Approval.ExpeditedTimeout);
        Assert.Empty(spec.Gates.RequiredChecks);
        Assert.Null(spec.Gates.E2E);
        Assert.Empty(spec.Notifications.ChannelsFor(Severity.Critical));
    }

    [Fact]
    public void Monitoring_defaults_to_every_5_minutes_in_business_hours_and_every_15_otherwise()
    {
        var schedule = MonitoringSchedule.From(LoadMinimal().Monitoring);

        // Monday 2026-11-23 10:02 UTC is business hours; Saturday 2026-11-28 10:02 is not.
        Assert.Equal((new DateTime(2026, 11, 23, 10, 5, 0, DateTimeKind.Utc), MonitoringWindow.BusinessHours), schedule.Next(new DateTime(2026, 11, 23, 10, 2, 0, DateTimeKind.Utc)));
        Assert.Equal((new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc), MonitoringWindow.OffHours), schedule.Next(new DateTime(2026, 11, 23, 17, 55, 0, DateTimeKind.Utc)));
        Assert.Equal((new DateTime(2026, 11, 28, 10, 15, 0, DateTimeKind.Utc), MonitoringWindow.OffHours), schedule.Next(new DateTime(2026, 11, 28, 10, 2, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Secret_references_and_literals_are_kept_apart()
    {
        var yaml = SpecText.Valid().Replace("    releaseRoot: /srv/api\n", "    releaseRoot: /srv/api\n    env:\n      APP_ENV: production\n      DATABASE_URL: { secret: database-url }\n", StringComparison.Ordinal);

        var api = PipelineSpecLoader.Load(yaml).GetSpecOrThrow().FindComponent("api")!;

        Assert.Equal([new EnvironmentVariableSpec("APP_ENV", "production", null), new EnvironmentVariableSpec("DATABASE_URL", null, "database-url")], api.Variables);
        Assert.True(api.Variables[1].IsSecret);
    }
}
