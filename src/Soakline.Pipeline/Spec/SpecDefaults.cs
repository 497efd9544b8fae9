namespace Soakline.Pipeline.Spec;

/// <summary>
/// The values a spec gets for what it leaves out. They follow the pipelines our users run by hand today (the seeds):
/// develop to staging, main to production with approval, hotfix expedited; canary 5/25/50/100 with 30-minute soaks;
/// 10 health attempts 5 s apart; keep 5 releases; roll back on 3 failed checks, error rate over 5 %, p95 over 5 s,
/// error rate over baseline + 1 point, or p95 over baseline x 1.2; monitor every 5 min in business hours, 15 otherwise.
/// </summary>
internal static class SpecDefaults
{
    public const string Staging = "staging";
    public const string Production = "production";

    public static IReadOnlyList<BranchRule> Branches { get; } =
    [
        new("develop", BranchMode.Automatic, Staging),
        new("main", BranchMode.Approval, Production),
        new("hotfix/*", BranchMode.Expedited, Production),
        new("feature/*", BranchMode.Ignore, null),
        new("ci-experimental/*", BranchMode.Ignore, null),
    ];

    public static IReadOnlyList<EnvironmentSpec> Environments { get; } =
    [
        new(Staging, EnvironmentKind.Staging, ConcurrencyMode.Queue),
        new(Production, EnvironmentKind.Production, ConcurrencyMode.Refuse),
    ];

    public const int HealthAttempts = 10;
    public static readonly TimeSpan HealthDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(10);
    public const int KeepReleases = 5;

    public static readonly TimeSpan GateTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan GatePollInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan E2ETimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan E2EPollInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromHours(24);
    public static readonly TimeSpan ExpeditedApprovalTimeout = TimeSpan.FromHours(1);

    public static IReadOnlyList<int> CanarySteps { get; } = [5, 25, 50, 100];
    public static readonly TimeSpan Soak = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan ExpeditedSoak = TimeSpan.FromMinutes(5);
    public const int BatchSize = 1;

    public static readonly TimeSpan AnalysisInterval = TimeSpan.FromMinutes(1);
    public const int FailureLimit = 3;
    public static readonly TimeSpan MetricWindow = TimeSpan.FromMinutes(1);

    /// <summary>The provider of Soakline's own probe statistics, available without any metrics backend.</summary>
    public const string ProbeProvider = "probe";

    public static IReadOnlyList<string> MetricProviders { get; } = ["azure-monitor", "prometheus", ProbeProvider];

    /// <summary>Error rate in percent and p95 latency in seconds, absolute and relative to the stable baseline.</summary>
    public static IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("error-rate", ProbeProvider, "error-rate", MetricWindow, new(ThresholdKind.Max, 5)),
        new("latency-p95", ProbeProvider, "latency-p95", MetricWindow, new(ThresholdKind.Max, 5)),
        new("error-rate-vs-baseline", ProbeProvider, "error-rate", MetricWindow, new(ThresholdKind.BaselinePlus, 1)),
        new("latency-p95-vs-baseline", ProbeProvider, "latency-p95", MetricWindow, new(ThresholdKind.BaselineTimes, 1.2)),
    ];

    /// <summary>Every 5 minutes, 08:00-17:55 Monday to Friday (NCRONTAB with seconds).</summary>
    public static IReadOnlyList<string> BusinessHours { get; } = ["0 */5 8-17 * * 1-5"];

    /// <summary>Every 15 minutes the rest of the week: weekday nights and all weekend.</summary>
    public static IReadOnlyList<string> OffHours { get; } = ["0 */15 0-7,18-23 * * 1-5", "0 */15 * * * 0,6"];

    public static GateSpec Gates { get; } = new([], GateTimeout, GatePollInterval, null);

    public static ApprovalSpec Approval { get; } = new([], ApprovalTimeout, ExpeditedApprovalTimeout);

    public static StrategySpec Strategy { get; } = new(StrategyKind.Canary, CanarySteps, Soak, ExpeditedSoak, BatchSize);

    public static AnalysisSpec Analysis { get; } = new(AnalysisInterval, FailureLimit, true, Metrics);

    public static RetentionSpec Retention { get; } = new(KeepReleases);

    public static NotificationSpec Notifications { get; } = new([], new Dictionary<Ports.Severity, IReadOnlyList<string>>());

    public static MonitoringSpec Monitoring { get; } = new(BusinessHours, OffHours, []);
}
