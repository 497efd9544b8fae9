namespace Soakline.Pipeline.Dora;

/// <summary>The four DORA figures for one environment over a window.</summary>
/// <param name="Deployments">Pipelines whose release reached users in the window (successful or failed).</param>
/// <param name="ChangeFailureRate">Failed changes / deployments; null without deployments.</param>
public sealed record DoraFigures(
    string Environment,
    DateTimeOffset From,
    DateTimeOffset To,
    int Deployments,
    double DeploymentsPerDay,
    TimeSpan? MedianLeadTime,
    int FailedChanges,
    double? ChangeFailureRate,
    TimeSpan? MedianTimeToRestore);
