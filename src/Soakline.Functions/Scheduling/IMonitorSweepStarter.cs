namespace Soakline.Functions.Scheduling;

/// <summary>Starts the monitor sweep of one schedule occurrence.</summary>
internal interface IMonitorSweepStarter
{
    /// <returns>The sweep's instance id, or null when no monitoring is configured.</returns>
    Task<string?> StartAsync(DateTimeOffset occurrence, CancellationToken cancellationToken);
}
