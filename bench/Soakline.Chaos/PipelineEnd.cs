namespace Soakline.Chaos;

/// <summary>How a pipeline ended, as the app's API reports it (null Outcome: it did not end in time).</summary>
internal sealed record PipelineEnd(ChaosPipeline Pipeline, string RuntimeStatus, string? Outcome, IReadOnlyList<string> TimelineKinds, TimeSpan Duration)
{
    public bool Ended => Outcome is not null;

    /// <summary>Released with every canary stage promoted (a baseline has no stages), or RolledBack for a breach.</summary>
    public bool AsExpected => RuntimeStatus == "Completed" && (Pipeline.MustRollBack
        ? Outcome?.StartsWith("RolledBack", StringComparison.Ordinal) == true
        : Outcome?.StartsWith("Released", StringComparison.Ordinal) == true && (Pipeline.IsBaseline || TimelineKinds.Contains("StagePromoted")));
}
