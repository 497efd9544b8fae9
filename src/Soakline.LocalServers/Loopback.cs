using System.Net;
using System.Net.Sockets;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// Loopback addresses and ports. Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.1.N work as
/// separate "hosts" that can all listen on the same port: each simulated host gets its own address.
/// </summary>
public static class Loopback
{
    public static string HostAddress(int index) => $"127.0.1.{index + 1}";

    public static int FreePort(string address = "127.0.0.1")
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port that is free on every one of <paramref name="addresses"/> (the app port all hosts share).</summary>
    public static int PortFreeOnAll(IReadOnlyList<string> addresses)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreePort(addresses[0]);
            if (addresses.All(a => CanBind(a, port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no port is free on all loopback host addresses");
    }

    public static async Task WaitForListenerAsync(string address, int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Parse(address), port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nothing listened on {address}:{port} within {timeout}. {diagnostics?.Invoke()}");
    }

    private static bool CanBind(string address, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
