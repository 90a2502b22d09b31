using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>Groups a listing of <c>uploads</c> by stem (pure: no I/O, so every host and test shares it).</summary>
public static class UploadPairing
{
    public static IReadOnlyList<UploadGroup> Group(IEnumerable<ArtifactInfo> listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var byStem = new SortedDictionary<string, (List<ArtifactInfo> Images, List<ArtifactInfo> Audio, List<ArtifactInfo> Parameters, List<ArtifactInfo> Scripts)>(StringComparer.Ordinal);
        foreach (var item in listing)
        {
            var role = UploadNames.RoleOf(item.Ref.Name);
            if (role == UploadRole.None)
            {
                continue;
            }

            var stem = UploadNames.Stem(item.Ref.Name);
            if (!byStem.TryGetValue(stem, out var parts))
            {
                parts = ([], [], [], []);
                byStem[stem] = parts;
            }

            (role switch
            {
                UploadRole.Image => parts.Images,
                UploadRole.Audio => parts.Audio,
                UploadRole.Script => parts.Scripts,
                _ => parts.Parameters,
            }).Add(item);
        }

        return byStem.Select(kv => new UploadGroup(kv.Key, kv.Value.Images, kv.Value.Audio, kv.Value.Parameters, kv.Value.Scripts)).ToList();
    }
}
