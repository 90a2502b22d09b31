using System.Diagnostics;
using Sonic.Inference.Animation;
using Sonic.Media.Audio;
using Sonic.Media.Images;
using Sonic.Media.Video;
using Sonic.Pipeline.Captions;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>frames.mkv</c> → paste-back into the original picture → H.264/AAC with <c>audio.wav</c> → <c>video.mp4</c>,
/// through the same <see cref="PasteBackEncoder"/> loop as the CLI, streaming frame by frame. The picture is decoded
/// again from the upload (uploads are never deleted) so no full-size copy is kept in work storage; the poster frame's
/// JPEG goes beside it (<c>video.poster.jpg</c>), and a spoken script's captions too (<c>video.vtt</c>, <c>video.srt</c>)
/// or, with <c>captions=burn</c>, into the picture. A run that finds
/// <c>video.mp4</c> returns its measurements without encoding again.
/// </summary>
public sealed class EncodeStage(IArtifactStore store, ImageLoader imageLoader, PasteBackEncoder pasteBackEncoder, C2paSigner c2pa)
{
    public async Task<EncodedVideo> RunAsync(EncodeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Job;
        var artifacts = new JobArtifacts(job.JobId);
        var plan = await store.ReadJsonAsync<PastePlan>(artifacts.Post, cancellationToken).ConfigureAwait(false);
        var frameCount = plan.FrameCount;
        if (await store.GetInfoAsync(artifacts.Video, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            var earlier = await store.TryReadJsonAsync<PostProcessReport>(artifacts.PostReport, cancellationToken).ConfigureAwait(false);
            return new EncodedVideo((double)frameCount / AudioFeatures.FramesPerSecond, existing.Size, plan.Layout.OutputWidth, plan.Layout.OutputHeight, frameCount, earlier);
        }

        // The signing certificate first: a missing one fails the job now, not after the encode.
        await c2pa.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var face = await store.ReadJsonAsync<FacePlan>(artifacts.Face, cancellationToken).ConfigureAwait(false);
        using var scratch = ScratchFolder.Create("encode");
        var inputs = Directory.CreateDirectory(scratch.File("in")).FullName;
        var imagePath = Path.Combine(inputs, Path.GetFileName(job.Image.Name));
        var framesPath = scratch.File(JobArtifacts.FramesName);
        var audioPath = scratch.File(JobArtifacts.AudioWavName);
        var videoPath = scratch.File(JobArtifacts.VideoName);
        var transfer = Stopwatch.StartNew();
        await store.DownloadToFileAsync(job.Image, imagePath, cancellationToken).ConfigureAwait(false);
        await store.DownloadToFileAsync(artifacts.Frames, framesPath, cancellationToken).ConfigureAwait(false);
        await store.DownloadToFileAsync(artifacts.AudioWav, audioPath, cancellationToken).ConfigureAwait(false);
        transfer.Stop();

        using var source = imageLoader.Load(imagePath);
        var compositor = new PasteBackCompositor(source.Bitmap, face.Crop.X, face.Crop.Y, face.Crop.Side, plan.OutputResolution);
        if (compositor.Layout != plan.Layout)
        {
            throw new InvalidOperationException($"The uploaded picture no longer matches the paste-back plan ({compositor.Layout} vs {plan.Layout}).");
        }

        var report = input.Inference.Animator;
        var animator = new AnimatorInfo(report.Name, report.Description, report.ExecutionProvider, report.IsSonic);
        var settings = pasteBackEncoder.Settings(compositor, frameCount, job.Parameters, input.FileName, animator, job.JobId);
        // A script's or transcript's captions (speech.json), timed like the kept audio: sidecar files, or burned in.
        var track = job.Parameters.CaptionMode == RenderParameters.CaptionsNone
            ? null
            : await store.TryReadJsonAsync<SpeechTrack>(artifacts.Speech, cancellationToken).ConfigureAwait(false);
        var trimStart = track is null ? 0 : (await store.ReadJsonAsync<PreprocessResult>(artifacts.Preprocess, cancellationToken).ConfigureAwait(false)).TrimStartSeconds;
        var captions = JobCaptions.Make(track?.Words, trimStart, job.Parameters, settings, scratch.Path, Path.GetFileNameWithoutExtension(JobArtifacts.VideoName));
        settings = settings with { BurnedSubtitlesPath = captions?.AssPath };
        var side = input.Inference.FrameSide;
        var crops = FrameArchiveReader.Read(framesPath, side, side, cancellationToken);
        PostProcessContext? post = null;
        if (plan.Post is not null)
        {
            var features = AudioFeaturesFile.Deserialize(await store.ReadAllBytesAsync(artifacts.Features, cancellationToken).ConfigureAwait(false));
            var cropSide = face.Crop.ResizedSide;
            var crop = InferenceStage.DecodeCrop(await store.ReadAllBytesAsync(artifacts.Crop, cancellationToken).ConfigureAwait(false), cropSide);
            post = new PostProcessContext(plan.Post, features, new PortraitCrop(cropSide, crop, face.FaceInCrop, face.Crop.Side), job.JobId);
        }

        var encoded = await pasteBackEncoder.EncodeAsync(crops, compositor, audioPath, videoPath, settings, post, onFrame: null, cancellationToken)
            .ConfigureAwait(false);
        // The file is final (the lip-sync re-mux is done): the signed manifest goes last and binds every box before it.
        await c2pa.SignAsync(videoPath, input.FileName + ".mp4", animator, job.JobId, cancellationToken).ConfigureAwait(false);

        if (encoded.Post is { } postReport)
        {
            await store.WriteJsonAsync(artifacts.PostReport, postReport, cancellationToken).ConfigureAwait(false);
        }

        transfer.Start();
        if (captions is { VttPath: { } vtt, SrtPath: { } srt })
        {
            // Before the video too: the publish step copies whatever captions sit beside it.
            await store.UploadFileAsync(artifacts.CaptionsVtt, vtt, new ArtifactHeaders(CaptionFiles.VttContentType), cancellationToken).ConfigureAwait(false);
            await store.UploadFileAsync(artifacts.CaptionsSrt, srt, new ArtifactHeaders(CaptionFiles.SrtContentType), cancellationToken).ConfigureAwait(false);
        }

        if (encoded.PosterPath is { } posterPath)
        {
            // Before the video: a found video.mp4 means its poster is there too.
            await store.UploadFileAsync(artifacts.Poster, posterPath, new ArtifactHeaders("image/jpeg"), cancellationToken).ConfigureAwait(false);
        }

        var stored = await store.UploadFileAsync(artifacts.Video, videoPath, new ArtifactHeaders("video/mp4"), cancellationToken).ConfigureAwait(false);
        transfer.Stop();
        return new EncodedVideo(
            settings.DurationSeconds, stored.Size, compositor.OutputWidth, compositor.OutputHeight, encoded.Encode.FrameCount, encoded.Post, Timings(transfer.Elapsed, encoded));
    }

    private static List<StageTiming> Timings(TimeSpan transfer, PasteBackEncodeResult encoded) =>
    [
        new(JobTimingStages.EncodeTransfer, Math.Round(transfer.TotalSeconds, 3)),
        // The decoder runs a frame ahead: its share of the stage's wall clock is what the loop waited for it.
        new(JobTimingStages.Decode, Math.Round(encoded.SourceWaitSeconds, 3)),
        new(JobTimingStages.Composite, Math.Round(encoded.CompositeSeconds, 3)),
        new(JobTimingStages.Post, Math.Round(encoded.Post?.Seconds ?? 0, 3)),
        new(JobTimingStages.Encode, Math.Round(encoded.EncodeSeconds, 3)),
    ];
}
