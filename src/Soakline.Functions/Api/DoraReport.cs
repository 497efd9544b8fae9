namespace Soakline.Functions.Api;

/// <summary>The four DORA figures as the API returns them; durations in hours, rates from 0 to 1, null without data.</summary>
public sealed record DoraReport(
    string Environment,
    DateTimeOffset From,
    DateTimeOffset To,
    int Deployments,
    double DeploymentsPerDay,
    double? MedianLeadTimeHours,
    int FailedChanges,
    double? ChangeFailureRate,
    double? MedianTimeToRestoreHours);
