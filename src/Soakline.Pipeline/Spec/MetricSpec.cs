namespace Soakline.Pipeline.Spec;

/// <param name="Provider">The metrics provider name: <c>azure-monitor</c>, <c>prometheus</c> or <c>probe</c>.</param>
/// <param name="Query">The provider's query (KQL, PromQL, or a built-in probe statistic such as <c>error-rate</c>).</param>
/// <param name="Window">The time window each reading covers.</param>
/// <param name="DryRun">
/// Measured and shown like any other metric, with the verdict it would have had, but never counted: it cannot fail an
/// analysis, abort a stage or promote one. For trying a new query before trusting it to roll releases back.
/// </param>
/// <param name="Judge">When set, canary and stable samples are also compared statistically; either failing fails the check.</param>
public sealed record MetricSpec(string Name, string Provider, string Query, TimeSpan Window, MetricThreshold Threshold, bool DryRun = false, JudgeSpec? Judge = null);
