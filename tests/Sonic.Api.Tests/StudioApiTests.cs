using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sonic.Api.Tests.Hosting;
using Sonic.Testing;

namespace Sonic.Api.Tests;

/// <summary>What the studio page calls and is served by: the parameter list, the face preview, the page's files.</summary>
[Collection(OpenVideoApiHost.Collection)]
public sealed class StudioApiTests(OpenVideoApiHost host)
{
    [Fact]
    public async Task Parameters_ListEveryParameter_WithDefaultsAndRanges()
    {
        using var client = host.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/parameters", UriKind.Relative));

        var byName = body.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        var dynamic = byName["dynamic_scale"];
        Assert.Equal(1.1, dynamic.GetProperty("default").GetDouble());
        Assert.Equal(0.5, dynamic.GetProperty("min").GetDouble());
        Assert.Equal(2, dynamic.GetProperty("max").GetDouble());
        Assert.Equal("basic", dynamic.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, byName["min_resolution"].GetProperty("default").ValueKind);
        Assert.Equal(["none", "sidecar", "burn"], byName["captions"].GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("seed", byName.Keys);
    }

    [Fact]
    public async Task Faces_Portrait_ReturnsTheFaceInsideItsCrop()
    {
        using var client = host.CreateClient();
        using var form = new MultipartFormDataContent();
        Uploads.AddFile(form, "image", Uploads.Portrait, "astronaut.png", "image/png");
        form.Add(new StringContent("0.5", Encoding.UTF8), "expand_ratio");

        using var response = await client.PostAsync(new Uri("/api/faces", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(512, found.GetProperty("width").GetInt32());
        var (face, crop) = (found.GetProperty("face"), found.GetProperty("crop"));
        var (fx, fy) = (face.GetProperty("x").GetDouble(), face.GetProperty("y").GetDouble());
        var (cx, cy, side) = (crop.GetProperty("x").GetInt32(), crop.GetProperty("y").GetInt32(), crop.GetProperty("side").GetInt32());
        // Eileen Collins' face is in the upper middle of the picture; the crop holds it with its margin.
        Assert.InRange(fx, 150, 260);
        Assert.InRange(fy, 40, 140);
        Assert.True(cx <= fx && cy <= fy && cx + side >= fx + face.GetProperty("width").GetDouble() && cy + side >= fy + face.GetProperty("height").GetDouble());
        Assert.Equal(1, found.GetProperty("face_count").GetInt32());
    }

    [Fact]
    public async Task Faces_PictureWithoutAFace_IsNoFaceDetected_AndPlainText_Is415()
    {
        using var client = host.CreateClient();
        using var form = new MultipartFormDataContent();
        Uploads.AddFile(form, "image", SampleMedia.NoFaceJpegNamedPng, "qr.png", "image/png");

        using var response = await client.PostAsync(new Uri("/api/faces", UriKind.Relative), form);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "no_face_detected");
        Assert.EndsWith(".", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var text = await client.PostAsync(new Uri("/api/faces", UriKind.Relative), new StringContent("face.png"));
        await ProblemAssert.IsProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("/api/studio/", "text/html")]
    [InlineData("/api/studio/studio.js", "text/javascript")]
    [InlineData("/api/studio/studio.css", "text/css")]
    public async Task Studio_FilesAreServed_WithAStrictContentSecurityPolicy(string path, string type)
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/studio")]
    public async Task Studio_RootAndBarePath_RedirectToThePage(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/studio/", response.Headers.Location?.OriginalString);
    }
}
