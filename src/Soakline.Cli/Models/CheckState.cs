namespace Soakline.Cli.Models;

/// <summary>A check's verdict, in the order the app numbers them.</summary>
internal enum CheckState
{
    Pass,
    Breach,
    NoData,
    Unhealthy,

    /// <summary>The threshold passed but the judge found the canary worse than the stable release.</summary>
    JudgeFailed,
}
