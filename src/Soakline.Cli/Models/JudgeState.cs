namespace Soakline.Cli.Models;

/// <summary>The judge's decision on one metric, in the app's order (JudgeDecision).</summary>
internal enum JudgeState
{
    Pass,
    CanaryWorse,
    NoData,
}
