namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// A component deployed in stages (every environment of kind production) needs something to analyse while a stage
/// soaks: its own health probes (<c>health.url</c> with <c>analysis.healthChecks</c>), which also feed the
/// <c>probe</c> metrics, or a metric from a metrics backend. Without either, every analysis has no data, every stage
/// ends without a healthy analysis and every release rolls back. That is a warning, and an error for the environments
/// the protection policy calls production (<see cref="SpecLoadOptions.ProductionEnvironments"/>).
/// </summary>
internal static class AnalysisCoverageRule
{
    public static void Check(PipelineSpec spec, SpecReadContext context, SpecLoadOptions options)
    {
        var analysis = spec.Analysis;
        if (analysis.Metrics.Any(m => !string.Equals(m.Provider, SpecDefaults.ProbeProvider, StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var environment in spec.Environments.Where(e => e.Kind == EnvironmentKind.Production))
        {
            foreach (var component in spec.Components.Where(c => c.HostsIn(environment.Name).Count > 0))
            {
                if (component.Health is not null && analysis.HealthChecks)
                {
                    continue;
                }

                var why = component.Health is null ? "it has no health.url" : "analysis.healthChecks is false";
                var message = $"nothing to analyse while {component.Name}'s stages soak in {environment.Name}: {why} and no metric comes from "
                    + $"{string.Join(" or ", SpecDefaults.MetricProviders.Where(p => p != SpecDefaults.ProbeProvider))}, so every analysis has no data and every release would roll back";
                var path = component.Health is null ? $"components.{component.Name}" : "analysis.healthChecks";
                if (options.ProductionEnvironments.Contains(environment.Name))
                {
                    context.Error(path, $"{message}; refused because {environment.Name} is a production environment in the protection policy (add health.url or a metric)");
                }
                else
                {
                    context.Warning(path, message);
                }
            }
        }
    }
}
