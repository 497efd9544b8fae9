namespace Soakline.Integrations.Deploy;

/// <summary>Runs one operation per host with a bounded degree of parallelism and returns results in host order.</summary>
/// <remarks>The bound protects the SSH servers (sshd's MaxStartups) and this process's sockets, not the CPU.</remarks>
internal static class HostFanOut
{
    public static async Task<IReadOnlyList<T>> RunAsync<T>(
        IReadOnlyList<string> hosts, int maxParallelHosts, Func<string, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var results = new T[hosts.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelHosts), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, hosts.Count), options,
            async (index, token) => results[index] = await operation(hosts[index], token));
        return results;
    }
}
