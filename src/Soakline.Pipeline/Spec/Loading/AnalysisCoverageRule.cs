namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// A component deployed in stages (every environment of kind production) needs something to analyse while a stage
/// soaks: its own health probes (<c>health.url</c> with <c>analysis.healthChecks</c>), which also feed the
/// <c>probe</c> metrics, or a metric from a metrics backend. Without either, every analysis has no data, every stage
/// ends without a healthy analysis and every release rolls back. That is a warning, and an error for the environments
/// the protection policy calls production (<see cref="SpecLoadOptions.ProductionEnvironments"/>). A dry-run metric is
/// not coverage: it never counts, so a canary whose only backend metrics are dry runs has nothing that counts either,
/// and the message says so.
/// </summary>
internal static class AnalysisCoverageRule
{
    public static void Check(PipelineSpec spec, SpecReadContext context, SpecLoadOptions options)
    {
        var analysis = spec.Analysis;
        var fromBackends = analysis.Metrics.Where(m => !string.Equals(m.Provider, SpecDefaults.ProbeProvider, StringComparison.Ordinal)).ToList();
        if (fromBackends.Any(m => !m.DryRun))
        {
            return;
        }

        var backends = string.Join(" or ", SpecDefaults.MetricProviders.Where(p => p != SpecDefaults.ProbeProvider));
        var dryRuns = fromBackends.Select(m => m.Name).ToList();
        var metrics = dryRuns.Count == 0
            ? $"no metric comes from {backends}, so every analysis has no data"
            : $"the only metrics from {backends} ({string.Join(", ", dryRuns)}) are dry runs, which never count toward an abort or a promotion, so no analysis has a check that counts";

        foreach (var environment in spec.Environments.Where(e => e.Kind == EnvironmentKind.Production))
        {
            foreach (var component in spec.Components.Where(c => c.HostsIn(environment.Name).Count > 0))
            {
                if (component.Health is not null && analysis.HealthChecks)
                {
                    continue;
                }

                var why = component.Health is null ? "it has no health.url" : "analysis.healthChecks is false";
                var message = $"nothing to analyse while {component.Name}'s stages soak in {environment.Name}: {why} and {metrics} and every release would roll back";
                var path = component.Health is null ? $"components.{component.Name}" : "analysis.healthChecks";
                if (options.ProductionEnvironments.Contains(environment.Name))
                {
                    context.Error(path, $"{message}; refused because {environment.Name} is a production environment in the protection policy (add health.url or a metric that is not a dry run)");
                }
                else
                {
                    context.Warning(path, message);
                }
            }
        }
    }
}
