namespace Sonic.Pipeline.Tests.Storage;

/// <summary>One shared client for anonymous GETs against Azurite (no credentials, like a browser).</summary>
internal static class AnonymousHttp
{
    public static HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
}
