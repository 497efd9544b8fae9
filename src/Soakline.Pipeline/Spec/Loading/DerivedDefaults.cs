namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// A default never contradicts a value the user wrote: where two fields must relate (expedited within normal, a poll
/// within its timeout, an analysis within a soak), the field left out is derived from the one written instead of
/// taking its fixed default and then failing validation against it. Only two written values can conflict, and that
/// error names both. <c>approval.timeout: 10m</c> alone therefore loads with <c>expeditedTimeout</c> 10m, not 1h.
/// </summary>
internal static class DerivedDefaults
{
    /// <summary>The fixed default, raised to a written value it must not be shorter than.</summary>
    public static TimeSpan AtLeast(TimeSpan fixedDefault, TimeSpan? written) => written > fixedDefault ? written.Value : fixedDefault;

    /// <summary>The fixed default, lowered to a value (written or derived) it must not be longer than.</summary>
    public static TimeSpan AtMost(TimeSpan fixedDefault, TimeSpan limit) => limit < fixedDefault ? limit : fixedDefault;

    /// <summary>
    /// analysis.interval against strategy.soak and strategy.expeditedSoak, which are read in different sections: a
    /// written interval raises a defaulted soak (a stage gets at least one analysis), and a written soak lowers a
    /// defaulted interval. Cross-reference rules then only see conflicts between written values.
    /// </summary>
    public static PipelineSpec Reconcile(PipelineSpec spec, SpecReadContext context)
    {
        var strategy = spec.Strategy;
        var analysis = spec.Analysis;
        if (context.Wrote("analysis.interval"))
        {
            if (!context.Wrote("strategy.soak") && analysis.Interval > strategy.Soak)
            {
                strategy = strategy with { Soak = analysis.Interval };
            }

            if (!context.Wrote("strategy.expeditedSoak") && analysis.Interval > strategy.ExpeditedSoak)
            {
                strategy = strategy with { ExpeditedSoak = AtMost(analysis.Interval, strategy.Soak) };
            }
        }
        else
        {
            var shortest = spec.Branches.Any(r => r.Mode == BranchMode.Expedited) ? strategy.ExpeditedSoak : strategy.Soak;
            analysis = analysis with { Interval = AtMost(analysis.Interval, shortest) };
        }

        return spec with { Strategy = strategy, Analysis = analysis };
    }
}
