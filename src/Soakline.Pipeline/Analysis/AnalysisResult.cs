namespace Soakline.Pipeline.Analysis;

/// <summary>One analysis of a soaking stage: healthy only when every check passed and there was at least one check.</summary>
public sealed record AnalysisResult(DateTimeOffset At, IReadOnlyList<CheckOutcome> Checks)
{
    public bool Healthy => Checks.Count > 0 && Checks.All(c => c.Passed);

    public IEnumerable<CheckOutcome> Failures => Checks.Where(c => !c.Passed);

    public string Summary => Healthy
        ? $"healthy ({Checks.Count} checks)"
        : string.Join("; ", Failures.Select(f => $"{f.Name}: {f.Detail}"));
}
