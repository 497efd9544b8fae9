using System.Collections.Concurrent;

namespace Soakline.Functions.Adapters.Probes;

/// <summary>
/// Which release each deploy host serves, as the traffic router last set it: the version a probe sample of that host
/// belongs to, so the <c>probe</c> metrics can tell the canary's population from the stable one.
/// </summary>
internal sealed class ServedReleases
{
    private readonly ConcurrentDictionary<string, string> _releases = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string host, string release) => _releases[host] = release;

    public string? Of(string host) => _releases.TryGetValue(host, out var release) ? release : null;
}
