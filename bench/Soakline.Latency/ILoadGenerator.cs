namespace Soakline.Latency;

/// <summary>Sends one scenario's signed deliveries (after its warm-up) and times the answers.</summary>
internal interface ILoadGenerator
{
    /// <summary>Named in the output and the proof's details.</summary>
    string Name { get; }

    Task<LatencyFigures> RunAsync(LatencyScenario scenario, CancellationToken cancellationToken);
}
