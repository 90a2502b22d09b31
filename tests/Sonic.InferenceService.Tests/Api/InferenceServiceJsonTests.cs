using System.Net;
using Sonic.InferenceService.Tests.Support;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Api;

/// <summary>The service's JSON writes non-ASCII as UTF-8 text, so an id or a name reads as itself.</summary>
public sealed class InferenceServiceJsonTests
{
    [Fact]
    public async Task GetJob_UnknownChineseId_EchoesTheIdAsText()
    {
        var root = TestPaths.NewTempFolder("sonic-json");
        try
        {
            await using var service = await ServiceInstance.StartAsync(root);
            using var http = new HttpClient { BaseAddress = service.BaseUri };

            using var response = await http.GetAsync(new Uri("v1/jobs/" + Uri.EscapeDataString("任务-1"), UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("'任务-1'", body, StringComparison.Ordinal);
        }
        finally
        {
            TestPaths.TryDeleteFolder(root);
        }
    }
}
