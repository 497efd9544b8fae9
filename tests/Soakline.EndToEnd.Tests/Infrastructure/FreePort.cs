using System.Net;
using System.Net.Sockets;

namespace Soakline.EndToEnd.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A port the OS reports free on loopback right now (the listener is closed again before returning).</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
