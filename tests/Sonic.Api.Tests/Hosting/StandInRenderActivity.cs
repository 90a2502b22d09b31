using System.Text;
using Microsoft.DurableTask;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;

namespace Sonic.Api.Tests.Hosting;

/// <summary>
/// Stands in for the render stages (the real orchestration is tested in Sonic.Orchestration.Tests): it checks that
/// both inputs the API staged exist in the artifact store, writes a placeholder under <c>videos/{jobId}/</c> and
/// reports it with the store's public URL, as Publish does.
/// </summary>
internal sealed class StandInRenderActivity(IArtifactStore store) : TaskActivity<JobRequest, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskActivityContext context, JobRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long inputBytes = 0;
        foreach (var part in new[] { input.Image, input.Audio }.OfType<ArtifactRef>())
        {
            var info = await store.GetInfoAsync(part, CancellationToken.None)
                ?? throw new SonicJobException(ErrorCodes.InputNotFound, $"The input {part} does not exist.");
            inputBytes += info.Size;
        }

        var name = DownloadFileName.Sanitize(input.Parameters.FileName);
        var video = new ArtifactRef(ContainerNames.Videos, $"{input.JobId}/{name}.mp4");
        var preview = new ArtifactRef(ContainerNames.Videos, $"{input.JobId}/{name}.html");
        var stored = await store.UploadBytesAsync(video, Encoding.UTF8.GetBytes("stand-in video"), new ArtifactHeaders("video/mp4"), CancellationToken.None);
        await store.UploadBytesAsync(preview, Encoding.UTF8.GetBytes("<video controls></video>"), new ArtifactHeaders("text/html"), CancellationToken.None);
        return new JobOutcome(
            input.JobId,
            JobOutcome.Completed,
            store.GetPublicUri(video)?.ToString(),
            store.GetPublicUri(preview)?.ToString(),
            name + ".mp4",
            DurationSeconds: 1.0,
            SizeBytes: stored.Size,
            Animator: new AnimatorReport("stand-in", $"test stand-in that read {inputBytes} input bytes", "CPU", IsSonic: false));
    }
}
