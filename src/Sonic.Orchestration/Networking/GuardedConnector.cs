using System.Net;
using System.Net.Sockets;

namespace Sonic.Orchestration.Networking;

/// <summary>
/// The socket connect step of every outgoing call to a user's URL (input downloads, webhooks): connects only to the
/// addresses <paramref name="allowed"/> accepts, checked after DNS resolution, so redirects and DNS tricks are covered.
/// </summary>
public static class GuardedConnector
{
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Func<IPAddress, bool> allowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(allowed);
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var reachable = addresses.Where(allowed).ToArray();
        if (reachable.Length == 0)
        {
            throw new BlockedAddressException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(reachable, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
