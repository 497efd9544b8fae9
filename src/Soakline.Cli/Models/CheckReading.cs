namespace Soakline.Cli.Models;

/// <summary>
/// One metric of the last analysis: its value against its limit (and baseline, for relative thresholds), and the
/// judge's verdict when the metric has a judge.
/// </summary>
internal sealed record CheckReading(string Name, CheckState Status, double? Value = null, double? Baseline = null, double? Limit = null, string? Detail = null, JudgeReading? Judge = null);
