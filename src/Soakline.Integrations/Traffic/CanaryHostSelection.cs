namespace Soakline.Integrations.Traffic;

/// <summary>
/// Which hosts run the canary for a requested percentage: the first ceil(p x N / 100) hosts in spec order, so
/// growing stages keep the hosts already on the canary and add the next ones.
/// </summary>
internal static class CanaryHostSelection
{
    public static IReadOnlyList<string> Select(IReadOnlyList<string> hosts, int percent)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ValidatePercent(percent);

        // Integer ceiling: 5 % of 4 hosts is 1 host, and 0 % is none.
        var count = (percent * hosts.Count + 99) / 100;
        return hosts.Take(count).ToList();
    }

    public static double EffectivePercent(int canaryHosts, int totalHosts) =>
        totalHosts == 0 ? 0 : Math.Round(100.0 * canaryHosts / totalHosts, 2);

    public static void ValidatePercent(int percent)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "Percent: must be between 0 and 100.");
        }
    }
}
