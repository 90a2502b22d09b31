using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sonic.Api.Tests.Hosting;

namespace Sonic.Api.Tests;

/// <summary>Bad batch requests get a code and a sentence, before anything is stored.</summary>
[Collection(OpenVideoApiHost.Collection)]
public sealed class BatchApiErrorTests(OpenVideoApiHost host)
{
    [Theory]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "a.wav"}], "items": []}""", "invalid_manifest", "twice")]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "a.wav", "seed": 1, "seed": 2}]}""", "invalid_manifest", "twice")]
    [InlineData("""{"image": "p.jpg", "items": []}""", "invalid_manifest", "no items")]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "a.wav", "colour": "red"}]}""", "invalid_parameter", "colour")]
    [InlineData("""{"items": [{"audio": "a.wav"}]}""", "missing_input", "image")]
    [InlineData("""{"image": "p.jpg", "items": [{}]}""", "missing_input", "Item 1")]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "a.wav", "callback_url": "https://example.com/h"}]}""", "invalid_parameter", "signing secret")]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "../work/x.wav"}]}""", "invalid_request", "blob name")]
    [InlineData("not json", "invalid_manifest", "not valid JSON")]
    [InlineData("""{"image": "p.jpg", "items": [{"audio": "a.wav", "script": "Hello."}]}""", "input_conflict", "Item 1")]
    public async Task Post_BadJsonBatch_Returns400WithItsCode(string body, string code, string mentions)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/batches", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MultipartWithACsvManifestNamingAnUnknownColumn_Returns400InvalidParameter()
    {
        using var client = host.CreateClient();
        using var form = new MultipartFormDataContent();
        Uploads.AddFile(form, "image", Uploads.Portrait, "p.png", "image/png");
        var manifest = new StringContent("audio,colour\na.wav,red\n");
        manifest.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(manifest, "manifest", "week.csv");

        using var response = await client.PostAsync(new Uri("/api/batches", UriKind.Relative), form);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Contains("colour", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownBatch_Is404()
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/batches/batch-nothing", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }
}
