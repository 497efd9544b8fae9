namespace Soakline.Chaos;

/// <summary>Counts kills, Azurite restarts and ended pipelines, and prints one line whenever one of them changes.</summary>
internal sealed class ChaosProgress(TextWriter output, int plannedKills, int plannedPipelines, int plannedAzuriteRestarts, TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private int _kills;
    private int _azuriteRestarts;
    private int _ended;

    public int Kills => _kills;

    public int AzuriteRestarts => _azuriteRestarts;

    public TimeSpan Elapsed => clock.GetElapsedTime(_started);

    /// <summary>When the last kill and Azurite restart were done (a <see cref="TimeProvider"/> timestamp), null before.</summary>
    public long? ChaosEndedAt { get; private set; }

    public void ChaosEnded()
    {
        ChaosEndedAt = clock.GetTimestamp();
        Say("chaos over: no more kills or Azurite restarts");
    }

    public void Killed(string process) => Say($"kill {Interlocked.Increment(ref _kills)}/{plannedKills}: SIGKILL {process} (starting it again)");

    public void AzuriteRestarted() => Say($"Azurite restart {Interlocked.Increment(ref _azuriteRestarts)}/{plannedAzuriteRestarts}");

    public void Started(ChaosPipeline pipeline) => Say($"pushed {pipeline.Label} ({pipeline.ShortSha})");

    public void Ended(PipelineEnd end)
    {
        Interlocked.Increment(ref _ended);
        Say($"{end.Pipeline.Label} ended {(end.AsExpected ? "as expected" : "NOT as expected")}: {end.RuntimeStatus} {end.Outcome ?? "(did not end in time)"} ({end.Duration.TotalSeconds:0}s)");
    }

    public void Say(string line)
    {
        lock (output)
        {
            output.WriteLine($"chaos {Elapsed:mm\\:ss} [kills {_kills}/{plannedKills}, pipelines ended {_ended}/{plannedPipelines}] {line}");
        }
    }
}
