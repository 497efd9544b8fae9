namespace Soakline.Cli.Models;

/// <summary>
/// A metric's judge verdict as the app serializes Soakline.Pipeline's JudgeVerdict: the decision (0 pass, 1 canary
/// worse, 2 no data), the samples compared, and the test's p-value and Hodges-Lehmann shift (null on no data).
/// </summary>
/// <param name="Effect">The shift in the worse direction as a fraction of the baseline median (0.3 = 30 % worse).</param>
internal sealed record JudgeReading(
    JudgeState Decision,
    int CanaryCount,
    int BaselineCount,
    double Alpha,
    double? PValue = null,
    double? Shift = null,
    double? Effect = null);
