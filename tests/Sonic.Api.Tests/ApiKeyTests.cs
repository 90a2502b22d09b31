using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sonic.Api.Security;
using Sonic.Api.Tests.Hosting;

namespace Sonic.Api.Tests;

public sealed class ApiKeyTests(KeyedVideoApiHost host) : IClassFixture<KeyedVideoApiHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(KeyedVideoApiHost.Key + "x")]
    public async Task EveryRoute_WithoutTheRightKey_Returns401Problem(string? key)
    {
        using var client = host.CreateClient(key);

        using var post = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair());
        using var list = await client.GetAsync(new Uri("/api/videos", UriKind.Relative));
        using var get = await client.GetAsync(new Uri("/api/videos/api-000000000000000000000000", UriKind.Relative));
        using var delete = await client.DeleteAsync(new Uri("/api/videos/api-000000000000000000000000", UriKind.Relative));
        using var parameters = await client.GetAsync(new Uri("/api/parameters", UriKind.Relative));
        using var faces = await client.PostAsync(new Uri("/api/faces", UriKind.Relative), Uploads.Pair());

        foreach (var response in new[] { post, list, get, delete, parameters, faces })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        // The studio page itself holds no data: it loads, then asks for the key.
        using var page = await client.GetAsync(new Uri("/api/studio/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Post_WithTheKey_Returns202_AndTheJobCanBeReadWithIt()
    {
        using var client = host.CreateClient(KeyedVideoApiHost.Key);

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), Uploads.Pair());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await VideoApiTestHost.WaitForFinishAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/videos", UriKind.Relative));
        Assert.Contains(list.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == status.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_JsonUrlOnLoopback_IsRefusedByDefault_AsAPrivateAddress()
    {
        using var client = host.CreateClient(KeyedVideoApiHost.Key);

        using var response = await client.PostAsJsonAsync(new Uri("/api/videos", UriKind.Relative), new
        {
            image = new Uri(host.BaseAddress, "/test-files/portrait.png").AbsoluteUri,
            audio = new Uri(host.BaseAddress, "/test-files/speech.wav").AbsoluteUri,
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "input_download_failed");
        Assert.Contains("private or local network", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("ключ-密钥", "ключ-密钥", true)]
    public void KeysMatch_ComparesWholeValues(string given, string expected, bool match) =>
        Assert.Equal(match, ApiKeyFilter.KeysMatch(given, expected));
}
