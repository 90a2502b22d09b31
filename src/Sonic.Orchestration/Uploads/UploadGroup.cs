using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>
/// Everything in <c>uploads</c> that shares one stem; a pair once it holds an image and something to say: an audio
/// file, a script (<c>stem.txt</c>), or a parameters file (which may hold the script; the dispatcher reads it to know).
/// </summary>
public sealed record UploadGroup(
    string Stem, IReadOnlyList<ArtifactInfo> Images, IReadOnlyList<ArtifactInfo> Audio, IReadOnlyList<ArtifactInfo> Parameters, IReadOnlyList<ArtifactInfo> Scripts)
{
    /// <summary>
    /// The pair, or null while a half is missing. When a stem has several images (or audio files), the newest wins
    /// (ties: the ordinal-first name), so replacing <c>anna.png</c> by <c>anna.jpg</c> renders the new one.
    /// </summary>
    public UploadPair? ToPair()
    {
        if (Images.Count == 0 || (Audio.Count == 0 && Scripts.Count == 0 && Parameters.Count == 0))
        {
            return null;
        }

        return new UploadPair(Stem, Newest(Images), NewestOrNull(Audio), NewestOrNull(Parameters)) { Script = NewestOrNull(Scripts) };
    }

    private static ArtifactInfo? NewestOrNull(IReadOnlyList<ArtifactInfo> items) => items.Count == 0 ? null : Newest(items);

    private static ArtifactInfo Newest(IReadOnlyList<ArtifactInfo> items) => items
        .OrderByDescending(i => i.LastModified)
        .ThenBy(i => i.Ref.Name, StringComparer.Ordinal)
        .First();
}
