using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Api;
using Sonic.Api.Errors;
using Sonic.Functions.Api;
using Sonic.Functions.Hosting;
using Sonic.Functions.Tests.Support;
using Sonic.Media.Errors;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Functions.Tests.EndToEnd;

[Collection(FunctionsHostCollection.Name)]
public sealed class VideoApiFunctionsTests(FunctionsHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task CreateVideo_UploadedReferences_AcceptsThenGetListAndCancelReportTheCompletedVideo()
    {
        var stem = "func-api-" + Guid.NewGuid().ToString("N")[..8];
        await UploadFiles.ImageAsync(fixture.Store, stem + ".jpg");
        await UploadFiles.AudioAsync(fixture.Store, stem + ".wav");
        var body = $$"""{"image": "{{stem}}.jpg", "audio": "{{stem}}.wav", "parameters": {"min_resolution": 256, "output_resolution": 360} }""";

        var created = await CallAsync("POST", VideoApiRoutes.Videos, body, (f, r) => f.CreateAsync(r, fixture.Client, CancellationToken.None));
        Assert.True(created.StatusCode == 202, created.Text);
        var id = created.Body.GetProperty("id").GetString()!;
        Assert.Equal("pending", created.Body.GetProperty("status").GetString());
        Assert.Equal($"{VideoApiRoutes.Videos}/{id}", created.Location);

        using var cts = new CancellationTokenSource(Timeout);
        var state = await fixture.Client.WaitForInstanceCompletionAsync(id, cts.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());

        var got = await CallAsync("GET", $"{VideoApiRoutes.Videos}/{id}", null, (f, r) => f.GetAsync(r, id, fixture.Client, CancellationToken.None));
        Assert.True(got.StatusCode == 200, got.Text);
        Assert.Equal("completed", got.Body.GetProperty("status").GetString());
        var result = got.Body.GetProperty("result");
        var fileName = result.GetProperty("file_name").GetString()!;
        Assert.Equal(stem + ".mp4", fileName);
        var probe = await Ffprobe.ProbeAsync(Path.Combine(fixture.Root, ContainerNames.Videos, id, fileName));
        Assert.Equal(360, Math.Min(probe.Video.Width, probe.Video.Height));
        Assert.InRange(probe.Format.Duration!.Value, result.GetProperty("duration").GetDouble() - 0.1, result.GetProperty("duration").GetDouble() + 0.1);

        var listed = await CallAsync("GET", VideoApiRoutes.Videos, null, (f, r) => f.ListAsync(r, fixture.Client, CancellationToken.None), "?limit=50");
        Assert.True(listed.StatusCode == 200, listed.Text);
        Assert.Contains(listed.Body.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == id);

        var cancelled = await CallAsync("DELETE", $"{VideoApiRoutes.Videos}/{id}", null, (f, r) => f.CancelAsync(r, id, fixture.Client, CancellationToken.None));
        AssertProblem(cancelled, 409, ApiErrorCodes.JobFinished);
    }

    [Fact]
    public async Task CreateVideo_ParameterOutOfRange_IsProblemDetailsFromTheSharedErrorFilter()
    {
        var body = """{"image": "a.jpg", "audio": "a.wav", "parameters": {"min_resolution": 7}}""";
        var response = await CallAsync("POST", VideoApiRoutes.Videos, body, (f, r) => f.CreateAsync(r, fixture.Client, CancellationToken.None));
        AssertProblem(response, 400, ErrorCodes.InvalidParameter);
    }

    [Fact]
    public async Task GetVideo_UnknownId_IsNotFound()
    {
        var response = await CallAsync("GET", VideoApiRoutes.Videos + "/api-nothing", null, (f, r) => f.GetAsync(r, "api-nothing", fixture.Client, CancellationToken.None));
        AssertProblem(response, 404, ApiErrorCodes.NotFound);
    }

    [Fact]
    public async Task GetVideo_UnknownChineseId_EchoesTheIdAsUtf8Text()
    {
        var response = await CallAsync("GET", VideoApiRoutes.Videos + "/视频 🎬", null, (f, r) => f.GetAsync(r, "视频 🎬", fixture.Client, CancellationToken.None));

        AssertProblem(response, 404, ApiErrorCodes.NotFound);
        Assert.Contains("'视频 🎬'", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVideos_ApiKeyConfiguredButMissing_IsUnauthorizedBeforeAnyLookup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sonic:Storage:LocalRoot"] = fixture.Root,
                ["Sonic:Api:ApiKey"] = "functions-test-key",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSonicFunctions(configuration);
        using var provider = services.BuildServiceProvider();

        var response = await FunctionHttp.InvokeAsync<VideoApiFunctions>(
            provider, "GET", VideoApiRoutes.Videos, null, (f, r) => f.ListAsync(r, fixture.Client, CancellationToken.None));
        AssertProblem(response, 401, ApiErrorCodes.Unauthorized);
    }

    private Task<FunctionResponse> CallAsync(
        string method, string path, string? json, Func<VideoApiFunctions, Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Http.IResult>> call, string query = "")
        => FunctionHttp.InvokeAsync(fixture.Services, method, path, json, call, query);

    private static void AssertProblem(FunctionResponse response, int status, string code)
    {
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {response.Text}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(code, response.Body.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", response.Text, StringComparison.Ordinal);
    }
}
