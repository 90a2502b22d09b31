using System.Net;
using System.Net.Sockets;

namespace Sonic.Testing;

public static class FreePort
{
    /// <summary>A loopback TCP port free right now (the OS picks it), for a server a test starts next.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
