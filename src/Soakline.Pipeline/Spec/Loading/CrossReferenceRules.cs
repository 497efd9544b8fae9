namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Rules that relate sections to each other (a branch rule names a declared environment, a component's hosts are for
/// declared environments, analysis fits in a soak). They run after every section is read, so a
/// user sees all problems at once.
/// </summary>
internal static class CrossReferenceRules
{
    public static void Check(PipelineSpec spec, SpecReadContext context)
    {
        var environments = spec.Environments.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var declared = string.Join(", ", environments.Order(StringComparer.Ordinal));

        for (var i = 0; i < spec.Branches.Count; i++)
        {
            var rule = spec.Branches[i];
            if (rule.Environment is not null && !environments.Contains(rule.Environment))
            {
                context.Error($"branches[{i}].environment", $"environment '{rule.Environment}' is not declared (declared: {declared})");
            }
        }

        foreach (var component in spec.Components)
        {
            foreach (var environment in component.Hosts.Keys.Where(e => !environments.Contains(e)))
            {
                context.Error($"components.{component.Name}.hosts.{environment}", $"environment '{environment}' is not declared (declared: {declared})");
            }
        }

        foreach (var (check, index) in spec.Monitoring.Checks.Select((c, i) => (c, i)))
        {
            if (!environments.Contains(check.Environment))
            {
                context.Error($"monitoring.checks[{index}].environment", $"environment '{check.Environment}' is not declared (declared: {declared})");
            }
        }

        // A spec without approvers is valid: the protection policy's approvers for the environment then decide.

        if (spec.Analysis.Interval > spec.Strategy.Soak)
        {
            context.Error("analysis.interval", "is longer than strategy.soak, so a stage would end before its first analysis");
        }
        else if (spec.Branches.Any(r => r.Mode == BranchMode.Expedited) && spec.Analysis.Interval > spec.Strategy.ExpeditedSoak)
        {
            context.Error("analysis.interval", "is longer than strategy.expeditedSoak, so an expedited stage would end before its first analysis");
        }
    }
}
