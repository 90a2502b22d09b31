using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sonic.Inference.Tests.SonicEngine.Engine;
using Sonic.InferenceService.Tests.Support;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Api;

/// <summary>Model choice through the service: unknown names refused, "sonic" without a usable folder failing with a stable code.</summary>
public sealed class InferenceServiceModelTests(PreparedInputs inputs) : IClassFixture<PreparedInputs>, IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);
    private readonly string emptyModels = TestPaths.NewTempFolder("sonic-infsvc-models");

    [Fact]
    public async Task PostJob_UnknownModelInsideTheParameters_IsUnknownModel()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        using var http = inputs.NewClient(service.BaseUri);
        await inputs.PreprocessedJobAsync("model-unknown-1");

        using var response = await http.PostAsJsonAsync(
            "v1/jobs", new InferenceJobSubmission("model-unknown-1", PreparedInputs.Parameters with { Model = "sonic-v2" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JobError>())!;
        Assert.Equal(InferenceServiceErrorCodes.UnknownModel, error.Code);
        Assert.Contains("'sonic-v2'", error.Message, StringComparison.Ordinal);
        Assert.Null(service.Queue.Find("model-unknown-1"));
    }

    [Fact]
    public async Task PostJob_SonicOnAServiceWithoutAFolder_FailsAsTheJobWithModelUnavailable()
    {
        await using var service = await ServiceInstance.StartAsync(inputs.Root);
        using var http = inputs.NewClient(service.BaseUri);
        await inputs.PreprocessedJobAsync("model-none-1");

        using var response = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission("model-none-1", PreparedInputs.Parameters, InferenceModels.Sonic));
        var done = await WaitFinishedAsync(http, "model-none-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(InferenceModels.Sonic, done.Model);
        Assert.Equal(InferenceJobStates.Failed, done.State);
        Assert.Equal(ErrorCodes.ModelUnavailable, done.ErrorCode);
        Assert.False(await inputs.Store.ExistsAsync(new JobArtifacts("model-none-1").Frames, CancellationToken.None));
    }

    [Fact]
    public async Task Service_WithAFolderBreakingTheContract_DefaultsToBuiltinAndFailsSonicJobsWithModelInvalid()
    {
        await using var service = await ServiceInstance.StartAsync(
            inputs.Root, new Dictionary<string, string?> { ["Sonic:Models:SonicDirectory"] = emptyModels });
        using var http = inputs.NewClient(service.BaseUri);
        await inputs.PreprocessedJobAsync("model-broken-sonic");
        await inputs.PreprocessedJobAsync("model-broken-default");

        var info = (await http.GetFromJsonAsync<InferenceServiceInfo>("v1/info"))!;
        using var sonic = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission("model-broken-sonic", PreparedInputs.Parameters, InferenceModels.Sonic));
        using var byDefault = await http.PostAsJsonAsync("v1/jobs", new InferenceJobSubmission("model-broken-default", PreparedInputs.Parameters));
        var sonicDone = await WaitFinishedAsync(http, "model-broken-sonic");
        var defaultDone = await WaitFinishedAsync(http, "model-broken-default");

        Assert.Equal(InferenceModels.Builtin, info.DefaultModel);
        Assert.Equal([InferenceModels.Builtin], info.Models.Select(m => m.Name));
        Assert.Equal(InferenceJobStates.Failed, sonicDone.State);
        Assert.Equal(ErrorCodes.ModelInvalid, sonicDone.ErrorCode);
        Assert.Contains("unet.onnx is missing", sonicDone.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(InferenceModels.Builtin, defaultDone.Model);
        Assert.Equal(InferenceJobStates.Succeeded, defaultDone.State);
        var metadata = await inputs.Store.ReadJsonAsync<InferenceResult>(new JobArtifacts("model-broken-default").Inference, CancellationToken.None);
        Assert.Equal(InferenceModels.Builtin, metadata.Animator.Name);
        Assert.False(metadata.Animator.IsSonic);
    }

    [Fact]
    public async Task Service_WithAVerifiedSonicFolder_DefaultsToSonicAndRunsTheEngine()
    {
        // Arithmetic stand-ins for the Sonic networks (the weights are not available here; no GPU either).
        var models = Path.Combine(emptyModels, "sonic");
        ArithmeticSonicModels.Write(models, half: true, withRife: true, new { resolution = new { min = 64, max = 1024 } });
        await using var service = await ServiceInstance.StartAsync(
            inputs.Root, new Dictionary<string, string?> { ["Sonic:Models:SonicDirectory"] = models });
        using var http = inputs.NewClient(service.BaseUri);
        await inputs.PreprocessedJobAsync("model-sonic-default");

        var info = (await http.GetFromJsonAsync<InferenceServiceInfo>("v1/info"))!;
        using var response = await http.PostAsJsonAsync(
            "v1/jobs", new InferenceJobSubmission("model-sonic-default", PreparedInputs.Parameters with { InferenceSteps = 2 }));
        var done = await WaitFinishedAsync(http, "model-sonic-default");

        Assert.Equal(InferenceModels.Sonic, info.DefaultModel);
        Assert.Equal(InferenceJobStates.Succeeded, done.State);
        Assert.Equal(InferenceModels.Sonic, done.Model);
        var artifacts = new JobArtifacts("model-sonic-default");
        var metadata = await inputs.Store.ReadJsonAsync<InferenceResult>(artifacts.Inference, CancellationToken.None);
        Assert.True(metadata.Animator.IsSonic);
        Assert.Equal("sonic", metadata.Animator.Name);
        var features = AudioFeaturesFile.Deserialize(await inputs.Store.ReadAllBytesAsync(artifacts.Features, CancellationToken.None));
        Assert.Equal(features.FrameCount, metadata.FrameCount);

        // The portrait's conditioning (CLIP + VAE) was kept; a second job with the same crop takes it.
        Assert.Equal(FaceCache.Miss, metadata.ConditioningCache);
        await inputs.PreprocessedJobAsync("model-sonic-again");
        using var again = await http.PostAsJsonAsync(
            "v1/jobs", new InferenceJobSubmission("model-sonic-again", PreparedInputs.Parameters with { InferenceSteps = 2 }));
        Assert.Equal(InferenceJobStates.Succeeded, (await WaitFinishedAsync(http, "model-sonic-again")).State);
        var second = await inputs.Store.ReadJsonAsync<InferenceResult>(new JobArtifacts("model-sonic-again").Inference, CancellationToken.None);
        Assert.Equal(FaceCache.Hit, second.ConditioningCache);
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(emptyModels);
    }

    private static async Task<InferenceJobStatus> WaitFinishedAsync(HttpClient http, string jobId)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        while (true)
        {
            var status = (await http.GetFromJsonAsync<InferenceJobStatus>($"v1/jobs/{jobId}"))!;
            if (InferenceJobStates.IsFinished(status.State))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {status.State} after {JobTimeout}: {JsonSerializer.Serialize(status)}");
            await Task.Delay(50);
        }
    }
}
