using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Sonic.Functions.Tests.Support;
using Sonic.Functions.Uploads;
using Sonic.Orchestration.Uploads;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Functions.Tests.EndToEnd;

[Collection(FunctionsHostCollection.Name)]
public sealed class UploadBlobFunctionTests(FunctionsHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task DispatchUpload_PairCompletedBySecondFile_StartsOneJobThatPublishesTheVideo()
    {
        var stem = "func-drop-" + Guid.NewGuid().ToString("N")[..8];
        await UploadFiles.TextAsync(fixture.Store, stem + ".json", """{"min_resolution": 256, "output_resolution": 360}""");
        await UploadFiles.ImageAsync(fixture.Store, stem + ".jpg");

        // Half a pair: nothing starts.
        var first = await DispatchAsync(stem + ".jpg");
        Assert.Equal(UploadDispatchStatus.Incomplete, first.Status);
        Assert.Null(first.JobId);

        await UploadFiles.AudioAsync(fixture.Store, stem + ".wav");
        var started = await DispatchAsync(stem + ".wav");
        Assert.Equal(UploadDispatchStatus.Started, started.Status);
        var jobId = Assert.IsType<string>(started.JobId);

        // A repeated notification (Event Grid delivers at least once) finds the same job.
        var again = await DispatchAsync(stem + ".jpg");
        Assert.Equal(UploadDispatchStatus.AlreadyStarted, again.Status);
        Assert.Equal(jobId, again.JobId);

        using var cts = new CancellationTokenSource(Timeout);
        var state = await fixture.Client.WaitForInstanceCompletionAsync(jobId, getInputsAndOutputs: true, cts.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var outcome = state.ReadOutputAs<JobOutcome>()!;
        Assert.Equal(stem + ".mp4", outcome.FileName);

        var video = Path.Combine(fixture.Root, ContainerNames.Videos, jobId, outcome.FileName!);
        var probe = await Ffprobe.ProbeAsync(video);
        Assert.Equal(360, Math.Min(probe.Video.Width, probe.Video.Height));
        Assert.InRange(probe.Format.Duration!.Value, 2.0, 2.7);
        Assert.Equal(new FileInfo(video).Length, outcome.SizeBytes);

        // Dropped files get their outcome in results/{stem}.json, as in the worker.
        var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture.Root, ContainerNames.Results, stem + ".json")));
        Assert.Equal(JobOutcome.Completed, result.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DispatchUpload_FileThatIsNoInput_IsIgnored()
    {
        var dispatch = await DispatchAsync("notes-" + Guid.NewGuid().ToString("N")[..8] + ".docx");
        Assert.Equal(UploadDispatchStatus.Ignored, dispatch.Status);
    }

    private async Task<UploadDispatch> DispatchAsync(string name)
    {
        // The function is created per invocation from the container, and gets the blob (never read) and its name.
        var function = ActivatorUtilities.CreateInstance<UploadBlobFunction>(fixture.Services);
        var blob = new BlobClient(new Uri($"http://127.0.0.1:10000/devstoreaccount1/{ContainerNames.Uploads}/{name}"));
        return await function.RunAsync(blob, name, fixture.Client, CancellationToken.None);
    }
}
