namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>
/// Per-server weights that give the canary group exactly p % of requests: each canary server gets p x S, each
/// stable server (100 - p) x C (S and C the group sizes), reduced by their common divisor. nginx has no weight 0,
/// so at 0 % or 100 % the idle group is left out of the upstream (blue-green).
/// </summary>
internal sealed record NginxWeights(int CanaryWeight, int StableWeight)
{
    public static NginxWeights For(int percent, int canaryServers, int stableServers)
    {
        CanaryHostSelection.ValidatePercent(percent);
        if (percent > 0 && canaryServers == 0)
        {
            throw new TrafficShiftException($"{percent} % to the canary, but no host runs the canary release.");
        }

        if (percent < 100 && stableServers == 0)
        {
            throw new TrafficShiftException($"{100 - percent} % to the stable release, but no host runs it.");
        }

        if (percent is 0 or 100)
        {
            return new NginxWeights(percent == 100 ? 1 : 0, percent == 0 ? 1 : 0);
        }

        var canary = percent * stableServers;
        var stable = (100 - percent) * canaryServers;
        var divisor = GreatestCommonDivisor(canary, stable);
        return new NginxWeights(canary / divisor, stable / divisor);
    }

    public double EffectivePercent(int canaryServers, int stableServers)
    {
        var total = (CanaryWeight * canaryServers) + (StableWeight * stableServers);
        return total == 0 ? 0 : Math.Round(100.0 * CanaryWeight * canaryServers / total, 2);
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
