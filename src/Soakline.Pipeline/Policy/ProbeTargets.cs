using System.Net;
using System.Net.Sockets;

namespace Soakline.Pipeline.Policy;

/// <summary>
/// Where an environment's probes (health, latency, TLS, DNS) may go: its own deploy hosts and the probe hosts its policy
/// lists, nothing else. A pushed spec could otherwise make the app probe its own network (loopback, link-local, private
/// addresses) and read the answers back from the timeline.
/// </summary>
internal static class ProbeTargets
{
    /// <summary>Null when a probe of <paramref name="host"/> stays inside the environment; otherwise why it does not.</summary>
    /// <param name="host">A host name or IP literal (as in a URL or a check's <c>host</c>), optionally with a port.</param>
    public static string? Refusal(EnvironmentPolicy environment, string host)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(host);
        var name = Normalize(host);
        if (Allowed(environment).Contains(name))
        {
            return null;
        }

        var allowed = string.Join(", ", Allowed(environment).Order(StringComparer.Ordinal));
        return $"'{name}' is {Describe(name)}, not one of the hosts or probe hosts the protection policy lists for {environment.Name} ({(allowed.Length == 0 ? "none" : allowed)})";
    }

    /// <summary>The host a URL reaches.</summary>
    public static string HostOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost;
    }

    /// <summary>Deploy hosts may be written <c>user@name:port</c>; probes compare names only.</summary>
    private static HashSet<string> Allowed(EnvironmentPolicy environment) =>
        environment.Hosts.Concat(environment.ProbeHosts).Select(Normalize).ToHashSet(StringComparer.Ordinal);

    private static string Normalize(string host)
    {
        var name = host.Trim();
        var at = name.LastIndexOf('@');
        if (at >= 0)
        {
            name = name[(at + 1)..];
        }

        if (name.StartsWith('['))
        {
            // [::1]:8080
            var close = name.IndexOf(']', StringComparison.Ordinal);
            name = close > 0 ? name[1..close] : name.Trim('[', ']');
        }
        else if (name.Count(c => c == ':') == 1)
        {
            name = name[..name.IndexOf(':', StringComparison.Ordinal)];
        }

        return name.TrimEnd('.').ToLowerInvariant();
    }

    private static string Describe(string name)
    {
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return "a loopback name";
        }

        if (!IPAddress.TryParse(name, out var address))
        {
            return "a host outside the environment";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal ? "a link-local address"
                : address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal ? "a private address"
                : "an address outside the environment";
        }

        return bytes switch
        {
            [169, 254, ..] => "a link-local address",
            [10, ..] or [192, 168, ..] or [172, >= 16 and <= 31, ..] or [100, >= 64 and <= 127, ..] => "a private address",
            _ => "an address outside the environment",
        };
    }
}
