namespace Soakline.Latency;

/// <summary>The answer times of one scenario, in milliseconds, and the answers that were not the expected one.</summary>
internal sealed record LatencyFigures(LatencyScenario Scenario, double P50, double P99, double Max, double PerSecond, int Unexpected, string? FirstUnexpected)
{
    public static LatencyFigures From(LatencyScenario scenario, double[] milliseconds, TimeSpan elapsed, int unexpected, string? firstUnexpected)
    {
        Array.Sort(milliseconds);
        return new LatencyFigures(scenario, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds[^1], milliseconds.Length / elapsed.TotalSeconds, unexpected, firstUnexpected);
    }

    // Nearest rank: the smallest time at least this share of requests did not exceed.
    private static double Percentile(double[] sorted, double share) => sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)];

    public override string ToString() => $"{Scenario,-26} p50 {P50,7:0.0} ms  p99 {P99,7:0.0} ms  max {Max,7:0.0} ms  {PerSecond,6:0}/s{(Unexpected > 0 ? $"  {Unexpected} unexpected answers, first: {FirstUnexpected}" : "")}";
}
