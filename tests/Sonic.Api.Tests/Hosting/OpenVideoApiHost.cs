namespace Sonic.Api.Tests.Hosting;

/// <summary>No API key (local development), and URL inputs may come from this machine (the host's own /test-files).</summary>
public sealed class OpenVideoApiHost : VideoApiTestHost
{
    public const string Collection = "open video API";

    protected override string? ApiKey => null;

    protected override bool AllowPrivateNetworkInputUrls => true;
}
