using SkiaSharp;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Captions;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Audio and face preparation over the artifact store, by the same <see cref="AudioStage"/> and <see cref="FaceStage"/>
/// the CLI uses (the face through <see cref="FaceCache"/>, so a portrait seen before is not prepared again): downloads
/// the two inputs to a scratch folder, writes <c>audio.wav</c>, <c>audio_16k.wav</c>, <c>features.bin</c>,
/// <c>crop.png</c>, <c>face.json</c>, a transcript's timed words (<c>speech.json</c>) and last <c>preprocess.json</c>. A run that finds
/// <c>preprocess.json</c> returns it without doing the work again.
/// </summary>
public sealed class PreprocessStage(IArtifactStore store, AudioStage audioStage, FaceCache faceCache)
{
    /// <summary>The <see cref="SpeechTrack.Provider"/> of words timed from a transcript rather than spoken by a voice.</summary>
    public const string TranscriptProvider = "transcript";

    public async Task<PreprocessResult> RunAsync(JobRequest job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var artifacts = new JobArtifacts(job.JobId);
        if (await store.TryReadJsonAsync<PreprocessResult>(artifacts.Preprocess, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }

        using var scratch = ScratchFolder.Create("preprocess");
        // Inputs keep the upload's own file name (the stages quote it in their messages), in a folder of their own so
        // they cannot collide with the stage outputs (an upload may well be called audio.wav).
        var inputs = Directory.CreateDirectory(scratch.File("in")).FullName;
        var imagePath = Path.Combine(inputs, Path.GetFileName(job.Image.Name));
        var recording = job.Recording ?? throw new InvalidOperationException("The job has no recording: its script has not been spoken.");
        var audioPath = Path.Combine(inputs, Path.GetFileName(recording.Name));
        await store.DownloadToFileAsync(job.Image, imagePath, cancellationToken).ConfigureAwait(false);
        await store.DownloadToFileAsync(recording, audioPath, cancellationToken).ConfigureAwait(false);

        var audio = audioStage.Prepare(audioPath, job.Parameters, scratch.Path, cancellationToken);
        var portrait = await faceCache.GetOrCreateAsync(imagePath, job.Parameters, cancellationToken).ConfigureAwait(false);

        await store.UploadFileAsync(artifacts.AudioWav, audio.WavPath, Wav, cancellationToken).ConfigureAwait(false);
        await store.UploadFileAsync(artifacts.Audio16k, audio.Mono16kWavPath, Wav, cancellationToken).ConfigureAwait(false);
        await store.UploadBytesAsync(artifacts.Features, AudioFeaturesFile.Serialize(audio.Features), Binary, cancellationToken).ConfigureAwait(false);
        await store.UploadBytesAsync(artifacts.Crop, portrait.CropPng, Png, cancellationToken).ConfigureAwait(false);
        await store.WriteJsonAsync(artifacts.Face, portrait.Face, cancellationToken).ConfigureAwait(false);
        if (JobCaptions.AlignTranscript(job.Parameters, audio) is { } words)
        {
            // A recording's transcript, timed here where the speech is in memory; Encode captions it like a script.
            await store.WriteJsonAsync(artifacts.Speech, new SpeechTrack(TranscriptProvider, string.Empty, Math.Round(audio.SourceDurationSeconds, 3), words), cancellationToken)
                .ConfigureAwait(false);
        }

        var result = new PreprocessResult(
            audio.DurationSeconds, audio.SourceDurationSeconds, audio.TrimStartSeconds, audio.VideoFrameCount, portrait.Face.Crop.ResizedSide, portrait.Warnings, portrait.Cache);
        await store.WriteJsonAsync(artifacts.Preprocess, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Lossless PNG of a square RGBA crop (unpremultiplied, as the animator expects it back).</summary>
    public static byte[] EncodePng(int side, byte[] rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        var info = new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap();
        var pin = System.Runtime.InteropServices.GCHandle.Alloc(rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            bitmap.InstallPixels(info, pin.AddrOfPinnedObject(), side * 4);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
        finally
        {
            pin.Free();
        }
    }

    internal static readonly ArtifactHeaders Wav = new("audio/wav");
    private static readonly ArtifactHeaders Binary = new("application/octet-stream");
    private static readonly ArtifactHeaders Png = new("image/png");
}
