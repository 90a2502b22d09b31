using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sonic.Api.Tests.Hosting;

namespace Sonic.Api.Tests;

[Collection(OpenVideoApiHost.Collection)]
public sealed class VideoApiErrorTests(OpenVideoApiHost host)
{
    public static TheoryData<string?, string, string, string> BadParameters => new()
    {
        // parameters part, field name, field value, word the detail must contain
        { "{\"min_resolution\": 300}", "", "", "min_resolution" },
        { "{\"output_resolution\": 100}", "", "", "output_resolution" },
        { "{\"seeed\": 1}", "", "", "seeed" },
        { "{\"min_resolution\": \"big\"}", "", "", "min_resolution" },
        { "[1, 2]", "", "", "JSON object" },
        { "{not json", "", "", "not valid JSON" },
        { null, "trim_silence", "maybe", "trim_silence" },
        { null, "dynamic_scale", "9", "dynamic_scale" },
        { null, "audio_codec", "opus", "audio_codec" },
        { null, "colour", "blue", "colour" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Post_BadParameter_Returns400InvalidParameter_NamingIt_AndStoresNothing(string? parametersJson, string field, string value, string named)
    {
        using var client = host.CreateClient();
        var before = await CountWorkBlobsAsync();
        using var content = field.Length == 0 ? Uploads.Pair(parametersJson) : Uploads.Pair(parametersJson, (field, value));

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await CountWorkBlobsAsync());
    }

    [Theory]
    [InlineData("image")]
    [InlineData("audio")]
    public async Task Post_MissingPart_Returns400MissingInput_NamingThePart(string present)
    {
        using var client = host.CreateClient();
        using var content = new MultipartFormDataContent();
        Uploads.AddFile(content, present, present == "image" ? Uploads.Portrait : Uploads.Speech, present == "image" ? "a.png" : "a.wav", "application/octet-stream");

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), content);

        var missing = present == "image" ? "audio" : "image";
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_input");
        Assert.Contains($"no {missing} part", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EmptyImagePart_Returns400MissingInput()
    {
        using var client = host.CreateClient();
        using var content = new MultipartFormDataContent();
        Uploads.AddBytes(content, "image", [], "empty.png");
        Uploads.AddFile(content, "audio", Uploads.Speech, "a.wav", "audio/wav");

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_input");
    }

    [Fact]
    public async Task Post_ImagePartThatIsNoImage_Returns400ImageUnsupportedFormat()
    {
        using var client = host.CreateClient();
        using var content = new MultipartFormDataContent();
        Uploads.AddBytes(content, "image", Encoding.ASCII.GetBytes("GIF89a and then some bytes"), "face.png");
        Uploads.AddFile(content, "audio", Uploads.Speech, "a.wav", "audio/wav");

        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "image_unsupported_format");
        Assert.Contains("GIF", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PlainText_Returns415()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), new StringContent("face.png speech.wav"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Post_BodyOverTheUploadLimit_Returns413RequestTooLarge()
    {
        using var client = host.CreateClient();
        using var content = new MultipartFormDataContent();
        Uploads.AddBytes(content, "image", new byte[9 * 1024 * 1024], "huge.png"); // the test host allows 8 MB
        Uploads.AddFile(content, "audio", Uploads.Speech, "a.wav", "audio/wav");

        // As curl does for large bodies: wait for 100-continue, so the early 413 arrives instead of a broken pipe.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/videos", UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Theory]
    [InlineData("{\"image\": \"nothing-here.png\", \"audio\": \"nothing-here.wav\"}", "input_not_found")]
    [InlineData("{\"image\": \"../work/x.png\", \"audio\": \"a.wav\"}", "invalid_request")]
    [InlineData("{\"audio\": \"a.wav\"}", "missing_input")]
    [InlineData("{\"image\": \"a.png\", \"audio\": \"a.wav\", \"colour\": 1}", "invalid_request")]
    [InlineData("{\"image\": \"a.png\", \"audio\": \"a.wav\", \"parameters\": {\"seed\": \"x\"}}", "invalid_parameter")]
    [InlineData("{\"image\": \"a.png\", \"audio\": \"a.wav\", \"callback_url\": \"https://example.com/hook\"}", "invalid_parameter")] // no signing secret here
    [InlineData("{\"image\": \"a.png\", \"audio\": \"a.wav\", \"parameters\": {\"seed\": 1, \"seed\": 2}}", "invalid_parameter")]
    [InlineData("{\"image\": \"a.png\", \"audio\": \"a.wav\", \"parameters\": {\"script\": \"Hello.\"}}", "input_conflict")]
    [InlineData("{\"image\": \"a.png\", \"parameters\": {\"script\": \"Hello.\", \"captions\": \"subtitles\"}}", "invalid_parameter")]
    [InlineData("{\"image\": \"a.png\", \"parameters\": {\"script\": \"Hello.\", \"speaking_rate\": 3}}", "invalid_parameter")]
    [InlineData("{\"image\": \"http://127.0.0.1:1/a.png\", \"audio\": \"a.wav\"", "invalid_request")]
    [InlineData("{\"image\": \"http://127.0.0.1:1/a.png\", \"audio\": \"http://127.0.0.1:1/a.wav\"}", "input_download_failed")]
    public async Task Post_BadJsonRequest_Returns400WithItsCode(string body, string code)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/videos", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Post_JsonUrlThatAnswers404_Returns400InputDownloadFailed_WithTheStatus()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/videos", UriKind.Relative), new
        {
            image = new Uri(host.BaseAddress, "/test-files/missing.png").AbsoluteUri,
            audio = new Uri(host.BaseAddress, "/test-files/speech.wav").AbsoluteUri,
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "input_download_failed");
        Assert.Contains("404", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api-000000000000000000000000")]
    [InlineData("no%20such%20job")]
    [InlineData("x%0D%0Ay")]
    public async Task GetAndDelete_UnknownId_Return404NotFound(string id)
    {
        using var client = host.CreateClient();

        using var get = await client.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        using var delete = await client.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Get_UnknownChineseId_EchoesTheIdAsUtf8Text()
    {
        using var client = host.CreateClient();

        using var get = await client.GetAsync(new Uri("/api/videos/" + Uri.EscapeDataString("视频 🎬"), UriKind.Relative));

        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, "not_found");
        Assert.Contains("'视频 🎬'", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task List_BadLimit_Returns400(string limit)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/videos?limit={limit}", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    private async Task<int> CountWorkBlobsAsync() =>
        (await host.Store.ListAsync("work", null, CancellationToken.None).ToListAsync()).Count;
}
