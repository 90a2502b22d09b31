using Microsoft.Extensions.DependencyInjection;

namespace Sonic.Api.Tests.Hosting;

/// <summary>HTTP clients for the tests, from the client factory like production code (no hand-made HttpClient).</summary>
internal static class TestHttp
{
    private static readonly IHttpClientFactory Factory = new ServiceCollection()
        .AddHttpClient()
        .BuildServiceProvider()
        .GetRequiredService<IHttpClientFactory>();

    public static HttpClient Create(Uri baseAddress)
    {
        var client = Factory.CreateClient();
        client.BaseAddress = baseAddress;
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }
}
