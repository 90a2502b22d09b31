using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>Everything in <c>uploads</c> that shares one stem; a pair once it holds an image and an audio file.</summary>
public sealed record UploadGroup(string Stem, IReadOnlyList<ArtifactInfo> Images, IReadOnlyList<ArtifactInfo> Audio, IReadOnlyList<ArtifactInfo> Parameters)
{
    /// <summary>
    /// The pair, or null while a half is missing. When a stem has several images (or audio files), the newest wins
    /// (ties: the ordinal-first name), so replacing <c>anna.png</c> by <c>anna.jpg</c> renders the new one.
    /// </summary>
    public UploadPair? ToPair()
    {
        if (Images.Count == 0 || Audio.Count == 0)
        {
            return null;
        }

        return new UploadPair(Stem, Newest(Images), Newest(Audio), Parameters.Count == 0 ? null : Newest(Parameters));
    }

    private static ArtifactInfo Newest(IReadOnlyList<ArtifactInfo> items) => items
        .OrderByDescending(i => i.LastModified)
        .ThenBy(i => i.Ref.Name, StringComparer.Ordinal)
        .First();
}
