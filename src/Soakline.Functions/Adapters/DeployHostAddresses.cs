using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Integrations.Health;
using Soakline.Integrations.Metrics.Probes;

namespace Soakline.Functions.Adapters;

/// <summary>
/// Deploy hosts are named in the spec (<c>web-1</c>) and reached at the address their settings give
/// (<c>Soakline__Local__Hosts__web-1__Address</c>, <c>Soakline__Ssh__Hosts__web-1__Address</c>). Health URLs put the host's name in place of
/// <c>{host}</c>, and the name need not be in DNS (several local hosts on loopback never are), so the health probe's
/// and the probe metrics' HTTP clients connect to the configured address when a URL names a deploy host. The URL, and
/// so the Host header, keep the name.
/// </summary>
internal static class DeployHostAddresses
{
    public static void UseForHealthChecks(IServiceCollection services, IReadOnlyDictionary<string, string> addressByHost)
    {
        var map = addressByHost
            .Where(h => !string.Equals(h.Key, h.Value, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (map.Count == 0)
        {
            return;
        }

        foreach (var client in new[] { nameof(HttpHealthProbe), nameof(ProbeSampler) })
        {
            services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = (context, cancellationToken) => ConnectAsync(map, context.DnsEndPoint, cancellationToken),
            });
        }
    }

    private static async ValueTask<Stream> ConnectAsync(Dictionary<string, string> map, System.Net.DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = map.TryGetValue(endPoint.Host, out var address) ? address : endPoint.Host;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
