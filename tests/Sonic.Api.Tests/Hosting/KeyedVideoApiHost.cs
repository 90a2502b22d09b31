namespace Sonic.Api.Tests.Hosting;

/// <summary>An API key configured, and the default address rules (no fetching from loopback or private networks).</summary>
public sealed class KeyedVideoApiHost : VideoApiTestHost
{
    public const string Key = "test-key-5f0c2a9e";

    protected override string? ApiKey => Key;

    protected override bool AllowPrivateNetworkInputUrls => false;
}
