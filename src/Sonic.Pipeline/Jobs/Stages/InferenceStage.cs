using System.Diagnostics;
using SkiaSharp;
using Sonic.Inference.Animation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Audio;
using Sonic.Media.Diagnostics;
using Sonic.Media.Video;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Runs the animator in this process over the preprocessed crop and features and streams its frames into
/// <c>frames.mkv</c> (visually lossless, <see cref="FrameArchive"/>), then writes <c>inference.json</c>. A run that finds
/// <c>inference.json</c> returns it: the costliest stage is never done twice for one job. The animator is the job's
/// <see cref="RenderParameters.Model"/> from <see cref="AnimatorCatalog"/>, resolved before any input is read (an
/// unusable Sonic folder fails the job with <c>model_invalid</c> before GPU work). The GPU service runs this same stage.
/// </summary>
public sealed partial class InferenceStage(
    IArtifactStore store,
    AnimatorCatalog animators,
    AudioDecoder audioDecoder,
    CacheGates gates,
    IOptionsMonitor<FaceCacheOptions> faceCache,
    ILogger<InferenceStage> logger)
{
    public Task<InferenceResult> RunAsync(JobRequest job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return RunAsync(job.JobId, job.Parameters, framesDone: null, cancellationToken);
    }

    /// <summary>
    /// Inference for <paramref name="jobId"/> from its preprocessed artifacts; <paramref name="framesDone"/> hears the
    /// frames' worth of work done so far (with the total as the second value) so a service can report progress: the
    /// frames written, or the animator's own estimate where it gives one (<see cref="AnimationRequest.WorkDone"/>).
    /// </summary>
    public async Task<InferenceResult> RunAsync(
        string jobId, RenderParameters parameters, IProgress<(int Done, int Total)>? framesDone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(parameters);
        var artifacts = new JobArtifacts(jobId);
        if (await store.TryReadJsonAsync<InferenceResult>(artifacts.Inference, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        var animator = animators.Resolve(parameters.Model);
        var clock = Stopwatch.StartNew();
        var face = await store.ReadJsonAsync<FacePlan>(artifacts.Face, cancellationToken).ConfigureAwait(false);
        var features = AudioFeaturesFile.Deserialize(await store.ReadAllBytesAsync(artifacts.Features, cancellationToken).ConfigureAwait(false));
        var side = face.Crop.ResizedSide;
        var cropPng = await store.ReadAllBytesAsync(artifacts.Crop, cancellationToken).ConfigureAwait(false);
        var crop = DecodeCrop(cropPng, side);

        // The portrait's conditioning (Sonic: CLIP + VAE of the crop) from an earlier job with the same crop and model.
        // A job that has to make it holds the key's gate until it is stored (early: it is made before sampling), so
        // jobs with the same portrait running here at the same time wait for it instead of making it too.
        ArtifactRef? kept = faceCache.CurrentValue.Enabled && animator.Info.ModelFingerprint is { } model ? FaceCache.ConditioningOf(cropPng, model) : null;
        using var gate = kept is { } gated ? await gates.EnterAsync(gated.Name, cancellationToken).ConfigureAwait(false) : null;
        var known = kept is { } keptRef && await store.TryReadAllBytesAsync(keptRef, cancellationToken).ConfigureAwait(false) is { } keptBytes
            ? PortraitConditioning.TryDeserialize(keptBytes)
            : null;
        if (known is not null)
        {
            gate?.Dispose();
        }

        PortraitConditioning? made = null;
        Task? keeping = null;
        using var scratch = ScratchFolder.Create("inference");

        // Sonic's Whisper front end needs the speech itself; the built-in animator reads only the features, so a job
        // written before audio_16k.wav existed still runs on it.
        var speech = animator.Info.IsSonic || await store.ExistsAsync(artifacts.Audio16k, cancellationToken).ConfigureAwait(false)
            ? await ReadSpeechAsync(artifacts.Audio16k, scratch, cancellationToken).ConfigureAwait(false)
            : default;
        var readSeconds = clock.Elapsed.TotalSeconds;
        var total = features.FrameCount;
        var progress = framesDone is null ? null : new AnimationWorkProgress(framesDone, total);
        var warnings = new List<string>();
        var request = new AnimationRequest(
            new PortraitCrop(side, crop, face.FaceInCrop, face.Crop.Side),
            features,
            (float)parameters.DynamicScale,
            (float)parameters.MotionScale,
            parameters.Seed,
            parameters.InferenceSteps,
            speech,
            progress,
            parameters.SizePolicy,
            warnings.Add)
        {
            UpstreamNumerics = parameters.UpstreamNumerics,
            Conditioning = known,
            ConditioningMade = conditioning =>
            {
                made = conditioning;
                // Same crop and model give the same bytes: a process racing this one writes the same file.
                keeping = KeepAsync(kept, conditioning, gate, cancellationToken);
            },
        };

        var framesPath = scratch.File(JobArtifacts.FramesName);

        // The animator's run (ONNX Runtime for every model) as one span with the frames it made.
        var span = SonicTelemetry.Source.StartActivity("animate")?.SetTag("sonic.animator", animator.Info.Name).SetTag("sonic.execution_provider", animator.Info.ExecutionProvider).SetTag(SonicTelemetry.JobIdTag, jobId);
        int written, frameSide;
        try
        {
            (written, frameSide) = await WriteAsync(
                animator.Animate(request, cancellationToken), framesPath, done => progress?.FramesWritten(done), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span.End(0, e.Message);
            if (keeping is not null)
            {
                // Made before the failure: let it finish storing (it never throws) rather than outlive the stage.
                await keeping.ConfigureAwait(false);
            }

            throw;
        }

        span.End(written);
        var animateSeconds = clock.Elapsed.TotalSeconds - readSeconds;
        if (written != features.FrameCount)
        {
            throw new InvalidOperationException($"The animator made {written} frames for {features.FrameCount} rows of audio features.");
        }

        if (keeping is not null)
        {
            await keeping.ConfigureAwait(false);
        }

        await store.UploadFileAsync(artifacts.Frames, framesPath, new ArtifactHeaders("video/x-matroska"), cancellationToken).ConfigureAwait(false);
        var uploadSeconds = clock.Elapsed.TotalSeconds - readSeconds - animateSeconds;
        var info = animator.Info;
        var result = new InferenceResult(
            written,
            frameSide,
            new AnimatorReport(info.Name, info.Description, info.ExecutionProvider, info.IsSonic),
            FrameArchive.DefaultFps,
            face.Crop,
            new InferenceTimings(Math.Round(readSeconds, 3), Math.Round(animateSeconds, 3), Math.Round(uploadSeconds, 3)),
            warnings.Count == 0 ? null : warnings,
            kept is null ? null : made is null ? FaceCache.Hit : FaceCache.Miss);
        await store.WriteJsonAsync(artifacts.Inference, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Stores the conditioning a job made, then opens its key's gate for the jobs waiting on it. The cache is optional:
    /// a failure to keep it is logged and the job goes on (the next job makes it again).
    /// </summary>
    private async Task KeepAsync(ArtifactRef? kept, PortraitConditioning conditioning, IDisposable? gate, CancellationToken cancellationToken)
    {
        try
        {
            if (kept is { } keep)
            {
                await store.UploadBytesAsync(keep, conditioning.Serialize(), new ArtifactHeaders("application/octet-stream"), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ConditioningNotKept(logger, kept?.Name ?? string.Empty, e.Message);
        }
        finally
        {
            gate?.Dispose();
        }
    }

    /// <summary><c>audio_16k.wav</c> (16 kHz mono float, written by the audio stage) back to its samples.</summary>
    private async Task<ReadOnlyMemory<float>> ReadSpeechAsync(ArtifactRef artifact, ScratchFolder scratch, CancellationToken cancellationToken)
    {
        var path = scratch.File(JobArtifacts.Audio16kName);
        await store.DownloadToFileAsync(artifact, path, cancellationToken).ConfigureAwait(false);
        var audio = audioDecoder.Decode(path, cancellationToken);
        File.Delete(path);
        return AudioResampler.ToMono16k(audio);
    }

    /// <summary>The archive's frame size is known only with the first frame, so the writer starts then.</summary>
    private static async Task<(int Count, int Side)> WriteAsync(
        IEnumerable<RgbaFrame> frames, string path, Action<int> written, CancellationToken cancellationToken)
    {
        using var source = frames.GetEnumerator();
        if (!source.MoveNext())
        {
            return (0, 0);
        }

        var writer = FrameArchiveWriter.Create(path, source.Current.Width, source.Current.Height);
        await using (writer.ConfigureAwait(false))
        {
            do
            {
                await writer.WriteAsync(source.Current, cancellationToken).ConfigureAwait(false);
                written(writer.FramesWritten);
            }
            while (source.MoveNext());

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return (writer.FramesWritten, writer.Width);
        }
    }

    /// <summary>crop.png back to the exact RGBA bytes <see cref="PreprocessStage"/> encoded (PNG is lossless, unpremultiplied).</summary>
    public static byte[] DecodeCrop(byte[] png, int side)
    {
        using var bitmap = SKBitmap.Decode(png, new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul))
            ?? throw new InvalidDataException("crop.png could not be decoded.");
        if (bitmap.Width != side || bitmap.Height != side)
        {
            throw new InvalidDataException($"crop.png is {bitmap.Width}x{bitmap.Height}, not {side}x{side}.");
        }

        return bitmap.Bytes;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1460, Level = LogLevel.Warning, Message = "The portrait conditioning {Name} was not kept: {Reason}")]
        public static partial void ConditioningNotKept(ILogger logger, string name, string reason);
    }
}
