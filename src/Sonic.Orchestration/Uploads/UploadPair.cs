using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>A complete drop: one image and one audio file with the same stem, and the optional parameters file.</summary>
public sealed record UploadPair(string Stem, ArtifactInfo Image, ArtifactInfo Audio, ArtifactInfo? Parameters)
{
    /// <summary>
    /// The deterministic job id: names and ETags of every part, so repeated notifications share one id and a
    /// re-upload (new ETag) of any part, the parameters included, is a new job.
    /// </summary>
    public string JobId => Parameters is null
        ? JobIds.ForUpload(Stem, (Image.Ref.Name, Image.ETag), (Audio.Ref.Name, Audio.ETag))
        : JobIds.ForUpload(Stem, (Image.Ref.Name, Image.ETag), (Audio.Ref.Name, Audio.ETag), (Parameters.Ref.Name, Parameters.ETag));
}
