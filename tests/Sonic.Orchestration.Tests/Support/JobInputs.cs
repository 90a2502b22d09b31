using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Support;

/// <summary>Small real inputs: the close-up portrait, a 2.5 s cut of speech, a 256 px crop and 360p output.</summary>
public static class JobInputs
{
    private static readonly Lazy<string> Clip = new(CutClip);

    public static RenderParameters SmallParameters { get; } = new() { MinResolution = 256, OutputResolution = 360 };

    /// <summary>Uploads the portrait and the clip as <c>uploads/{stem}.jpg|.wav</c> and returns the job.</summary>
    public static async Task<JobRequest> UploadAsync(IArtifactStore store, string jobId, string stem, string? image = null)
    {
        image ??= SampleMedia.Portrait;
        var imageRef = new ArtifactRef(ContainerNames.Uploads, stem + Path.GetExtension(image).ToLowerInvariant());
        var audioRef = new ArtifactRef(ContainerNames.Uploads, stem + ".wav");
        await store.UploadFileAsync(imageRef, image, null, CancellationToken.None);
        await store.UploadFileAsync(audioRef, Clip.Value, null, CancellationToken.None);
        return new JobRequest(jobId, imageRef, audioRef, SmallParameters, stem);
    }

    private static string CutClip()
    {
        var path = Path.Combine(TestPaths.NewTempFolder("sonic-orch-clip"), "speech.wav");
        MediaTool.Ffmpeg("-ss", "0.5", "-t", "2.5", "-i", SampleMedia.ChineseSpeechWav, path);
        return path;
    }
}
