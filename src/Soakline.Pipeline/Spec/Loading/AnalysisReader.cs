namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>analysis:</c>: the interval, failure limit and metrics checked while a stage soaks.</summary>
internal static class AnalysisReader
{
    public static AnalysisSpec Read(MappingReader root)
    {
        var analysis = root.Mapping("analysis");
        if (analysis is null)
        {
            return SpecDefaults.Analysis;
        }

        var interval = analysis.Duration("interval") ?? SpecDefaults.AnalysisInterval;
        var failureLimit = analysis.Int("failureLimit", 1, 100) ?? SpecDefaults.FailureLimit;
        var healthChecks = analysis.Bool("healthChecks") ?? true;
        var judge = JudgeReader.ReadDefault(analysis);
        var metrics = ReadMetrics(analysis, judge);
        analysis.RejectUnknownKeys();
        return new AnalysisSpec(interval, failureLimit, healthChecks, metrics, judge);
    }

    private static IReadOnlyList<MetricSpec> ReadMetrics(MappingReader analysis, JudgeSpec? judge)
    {
        var items = analysis.Sequence("metrics");
        if (items is null)
        {
            // The built-in metrics get the analysis-wide judge like any other metric.
            return judge is null ? SpecDefaults.Metrics : [.. SpecDefaults.Metrics.Select(m => m with { Judge = judge })];
        }

        var metrics = new List<MetricSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in items)
        {
            var metric = MappingReader.Open(node, path, analysis.Context);
            if (metric is null)
            {
                continue;
            }

            var name = metric.String("name", required: true);
            var provider = metric.String("provider") ?? SpecDefaults.ProbeProvider;
            var query = metric.String("query", required: true);
            var window = metric.Duration("window") ?? SpecDefaults.MetricWindow;
            var threshold = ReadThreshold(metric);
            var dryRun = metric.Bool("dryRun") ?? false;
            var metricJudge = JudgeReader.ReadForMetric(metric, judge);
            metric.RejectUnknownKeys();

            if (name is not null && Names.Check(analysis.Context, metric.ChildPath("name"), name) && !seen.Add(name))
            {
                metric.Error("name", $"metric '{name}' is declared twice");
            }

            if (!SpecDefaults.MetricProviders.Contains(provider, StringComparer.Ordinal))
            {
                metric.Error("provider", $"'{provider}' is not one of: {string.Join(", ", SpecDefaults.MetricProviders)}");
            }

            if (name is not null && query is not null && threshold is not null)
            {
                metrics.Add(new MetricSpec(name, provider, query, window, threshold, dryRun, metricJudge));
            }
        }

        return metrics;
    }

    private static MetricThreshold? ReadThreshold(MappingReader metric)
    {
        var keys = string.Join(", ", SpecNames.ThresholdKeys.Keys);
        var present = SpecNames.ThresholdKeys.Where(t => metric.Has(t.Key)).ToList();
        if (present.Count != 1)
        {
            var problem = present.Count == 0 ? "needs a threshold" : $"has {present.Count} thresholds";
            metric.Context.Error(metric.Path, metric.Node, $"{problem}; give exactly one of: {keys}");
            return null;
        }

        var (key, kind) = present[0];
        var value = metric.Number(key, 0);
        if (value is null)
        {
            return null;
        }

        if (kind == ThresholdKind.BaselineTimes && value < 1)
        {
            metric.Error(key, "must be at least 1 (a factor below 1 would fail a canary that equals its baseline)");
            return null;
        }

        return new MetricThreshold(kind, value.Value);
    }
}
