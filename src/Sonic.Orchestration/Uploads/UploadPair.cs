using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>
/// A drop that may be complete: one image, and the audio file, the script (<c>stem.txt</c>) and the parameters file
/// that share its stem, where present. Without audio or script it is a job only if the parameters hold a script.
/// </summary>
public sealed record UploadPair(string Stem, ArtifactInfo Image, ArtifactInfo? Audio, ArtifactInfo? Parameters)
{
    public ArtifactInfo? Script { get; init; }

    /// <summary>
    /// The deterministic job id: names and ETags of every part, so repeated notifications share one id and a
    /// re-upload (new ETag) of any part, the parameters and script included, is a new job.
    /// </summary>
    public string JobId => JobIds.ForUpload(
        Stem, new[] { Image, Audio, Parameters, Script }.OfType<ArtifactInfo>().Select(p => (p.Ref.Name, p.ETag)).ToArray());
}
