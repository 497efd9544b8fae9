namespace Soakline.Pipeline.Analysis;

/// <summary>One analysis of a soaking stage: healthy only when every check passed and there was at least one check.</summary>
public sealed record AnalysisResult(DateTimeOffset At, IReadOnlyList<CheckOutcome> Checks)
{
    public bool Healthy => Checks.Count > 0 && Checks.All(c => c.Passed);

    public IEnumerable<CheckOutcome> Failures => Checks.Where(c => !c.Passed);

    /// <summary>Healthy: every check with its value (what the dashboard and the demo show); otherwise the failures.</summary>
    public string Summary => Healthy
        ? "healthy: " + Describe(Checks)
        : Describe(Failures);

    private static string Describe(IEnumerable<CheckOutcome> checks) => string.Join("; ", checks.Select(c => $"{c.Name}: {c.Detail}"));
}
