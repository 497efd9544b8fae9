namespace Soakline.Cli.Models;

/// <summary>
/// One metric of the last analysis: its value against its limit (and baseline, for relative thresholds), and the
/// judge's verdict when the metric has a judge.
/// </summary>
/// <param name="DryRun">A dry-run metric: <see cref="Status"/> is what it would have decided; it never counts.</param>
internal sealed record CheckReading(string Name, CheckState Status, double? Value = null, double? Baseline = null, double? Limit = null, string? Detail = null, bool DryRun = false, JudgeReading? Judge = null);
