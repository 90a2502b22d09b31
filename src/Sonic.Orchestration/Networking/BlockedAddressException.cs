namespace Sonic.Orchestration.Networking;

/// <summary>An input URL resolved only to loopback, private or link-local addresses (server-side request forgery guard).</summary>
public sealed class BlockedAddressException : IOException
{
    public BlockedAddressException(string host)
        : base($"The host '{host}' resolves only to private, loopback or link-local addresses.")
    {
    }

    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
