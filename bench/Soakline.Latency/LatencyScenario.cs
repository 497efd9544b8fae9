namespace Soakline.Latency;

/// <summary>One measured load: which request, how many at once, how many in all (after the warm-up).</summary>
internal sealed record LatencyScenario(string Request, int Concurrency, int Requests, int WarmUp)
{
    public override string ToString() => $"{Request} at concurrency {Concurrency}";
}
