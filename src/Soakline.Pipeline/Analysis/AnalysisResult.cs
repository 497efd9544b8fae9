namespace Soakline.Pipeline.Analysis;

/// <summary>
/// One analysis of a soaking stage: healthy only when every check that counts passed and at least one counted.
/// Dry-run checks (<see cref="CheckOutcome.DryRun"/>) are kept in <see cref="Checks"/> and in the summary with what they
/// would have decided, but never counted: they cannot make an analysis fail, and they cannot make it healthy either, so
/// an analysis of dry-run checks only is "no checks", like an empty one.
/// </summary>
public sealed record AnalysisResult(DateTimeOffset At, IReadOnlyList<CheckOutcome> Checks)
{
    public bool Healthy => Counted.Any() && Counted.All(c => c.Passed);

    /// <summary>The checks that count and did not pass; dry-run checks are never failures.</summary>
    public IEnumerable<CheckOutcome> Failures => Counted.Where(c => !c.Passed);

    /// <summary>
    /// Healthy: every counted check with its value (what the dashboard and the demo show); otherwise the failures. The
    /// dry-run checks follow, each marked as such with its would-be verdict.
    /// </summary>
    public string Summary
    {
        get
        {
            var counted = Healthy ? "healthy: " + Describe(Counted)
                : Counted.Any() ? Describe(Failures)
                : Checks.Count == 0 ? "no checks" : "no checks that count (dry-run metrics never do)";
            return DryRunSummary is { } dryRun ? $"{counted}; {dryRun}" : counted;
        }
    }

    /// <summary>"<c>latency-p99 (dry run): would breach: 812 (limit 500, ...)</c>" for each dry-run check; null when there is none.</summary>
    public string? DryRunSummary =>
        Checks.Any(c => c.DryRun)
            ? string.Join("; ", Checks.Where(c => c.DryRun).Select(c => $"{c.Name} (dry run): would {Would(c.Status)}: {c.Detail}"))
            : null;

    private IEnumerable<CheckOutcome> Counted => Checks.Where(c => !c.DryRun);

    private static string Would(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Breach => "breach",
        CheckStatus.NoData => "fail on no data",
        _ => "fail",
    };

    private static string Describe(IEnumerable<CheckOutcome> checks) => string.Join("; ", checks.Select(c => $"{c.Name}: {c.Detail}"));
}
