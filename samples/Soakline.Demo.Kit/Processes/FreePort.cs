using System.Net;
using System.Net.Sockets;

namespace Soakline.Demo.Kit.Processes;

/// <summary>A TCP port nobody listens on right now, on the given loopback address.</summary>
public static class FreePort
{
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
