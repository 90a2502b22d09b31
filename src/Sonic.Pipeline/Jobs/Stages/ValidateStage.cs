using Sonic.Media.Errors;
using Sonic.Media.Images;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// The cheap checks before any work: parameters in range, a recording or a script, both inputs present, the audio not empty, the image a
/// format we decode (by content, as <see cref="ImageLoader"/> decides). Decoding itself, with its own checks, is
/// in Preprocess. Writes nothing, so it can run any number of times.
/// </summary>
public sealed class ValidateStage(IArtifactStore store)
{
    /// <exception cref="SonicJobException">Bad parameters or inputs, with a stable code.</exception>
    public async Task<ValidatedJob> RunAsync(JobRequest job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Parameters.Validate();
        RecordingOrScript.Check(job.Audio is not null, job.Parameters);
        var recording = job.Recording ?? throw new InvalidOperationException("The job's script has not been spoken: the speech stage runs before Validate.");
        var (image, format) = await CheckImageAsync(job, cancellationToken).ConfigureAwait(false);
        var audio = await store.GetInfoAsync(recording, cancellationToken).ConfigureAwait(false)
            ?? throw new SonicJobException(ErrorCodes.InputNotFound, $"The audio file '{Name(recording)}' was not found.");
        if (audio.Size == 0)
        {
            throw new SonicJobException(ErrorCodes.AudioEmpty, "The audio file is empty.");
        }

        var fileName = DownloadFileName.Sanitize(job.Parameters.FileName ?? Path.GetFileNameWithoutExtension(Name(job.Image)));
        return new ValidatedJob(fileName, format, image.Size, audio.Size);
    }

    /// <summary>The portrait exists and is a format we decode (sniffed from its first bytes); the speech stage asks first, before paying for speech.</summary>
    public async Task<(ArtifactInfo Image, string Format)> CheckImageAsync(JobRequest job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var image = await store.GetInfoAsync(job.Image, cancellationToken).ConfigureAwait(false)
            ?? throw new SonicJobException(ErrorCodes.InputNotFound, $"The image '{Name(job.Image)}' was not found.");
        var header = new byte[ImageFormatSniffer.HeaderLength];
        var stream = await store.OpenReadAsync(job.Image, cancellationToken).ConfigureAwait(false);
        int read;
        await using (stream.ConfigureAwait(false))
        {
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var (accepted, format) = ImageFormatSniffer.Sniff(header.AsSpan(0, read));
        if (!accepted)
        {
            var what = format is null ? "not a recognised image" : $"a {format.ToUpperInvariant()} image";
            throw new SonicJobException(
                ErrorCodes.ImageUnsupportedFormat, $"The file '{Name(job.Image)}' is {what}; only PNG, JPEG and WebP images are accepted.");
        }

        return (image, format!);
    }

    private static string Name(ArtifactRef artifact) => Path.GetFileName(artifact.Name);
}
