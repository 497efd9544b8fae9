using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>The words a spec uses for each enumeration; the JSON Schema lists the same words.</summary>
internal static class SpecNames
{
    public static readonly IReadOnlyDictionary<string, BranchMode> BranchModes = new Dictionary<string, BranchMode>(StringComparer.Ordinal)
    {
        ["automatic"] = BranchMode.Automatic,
        ["approval"] = BranchMode.Approval,
        ["expedited"] = BranchMode.Expedited,
        ["ignore"] = BranchMode.Ignore,
    };

    public static readonly IReadOnlyDictionary<string, EnvironmentKind> EnvironmentKinds = new Dictionary<string, EnvironmentKind>(StringComparer.Ordinal)
    {
        ["staging"] = EnvironmentKind.Staging,
        ["production"] = EnvironmentKind.Production,
    };

    public static readonly IReadOnlyDictionary<string, ConcurrencyMode> ConcurrencyModes = new Dictionary<string, ConcurrencyMode>(StringComparer.Ordinal)
    {
        ["queue"] = ConcurrencyMode.Queue,
        ["refuse"] = ConcurrencyMode.Refuse,
    };

    public static readonly IReadOnlyDictionary<string, StrategyKind> StrategyKinds = new Dictionary<string, StrategyKind>(StringComparer.Ordinal)
    {
        ["canary"] = StrategyKind.Canary,
        ["blue-green"] = StrategyKind.BlueGreen,
        ["rolling"] = StrategyKind.Rolling,
    };

    public static readonly IReadOnlyDictionary<string, ChannelKind> ChannelKinds = new Dictionary<string, ChannelKind>(StringComparer.Ordinal)
    {
        ["slack"] = ChannelKind.Slack,
        ["teams"] = ChannelKind.Teams,
        ["discord"] = ChannelKind.Discord,
    };

    public static readonly IReadOnlyDictionary<string, MonitorCheckKind> MonitorCheckKinds = new Dictionary<string, MonitorCheckKind>(StringComparer.Ordinal)
    {
        ["health"] = MonitorCheckKind.Health,
        ["latency"] = MonitorCheckKind.Latency,
        ["tls"] = MonitorCheckKind.Tls,
        ["dns"] = MonitorCheckKind.Dns,
    };

    public static readonly IReadOnlyDictionary<string, Severity> Severities = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        ["critical"] = Severity.Critical,
        ["warning"] = Severity.Warning,
        ["info"] = Severity.Info,
    };

    public static readonly IReadOnlyDictionary<string, JudgeDirection> JudgeDirections = new Dictionary<string, JudgeDirection>(StringComparer.Ordinal)
    {
        ["higher-is-worse"] = JudgeDirection.HigherIsWorse,
        ["lower-is-worse"] = JudgeDirection.LowerIsWorse,
    };

    /// <summary>The threshold keys of a metric: exactly one of them must be given.</summary>
    public static readonly IReadOnlyDictionary<string, ThresholdKind> ThresholdKeys = new Dictionary<string, ThresholdKind>(StringComparer.Ordinal)
    {
        ["max"] = ThresholdKind.Max,
        ["maxAboveBaseline"] = ThresholdKind.BaselinePlus,
        ["maxTimesBaseline"] = ThresholdKind.BaselineTimes,
    };
}
