using Sonic.Media.Video;

namespace Sonic.Testing;

/// <summary>The top-level box (atom) types of an MP4/ISO-BMFF file in file order, e.g. ftyp, moov, mdat.</summary>
public static class Mp4Boxes
{
    public static IReadOnlyList<string> TopLevelTypes(string path)
    {
        using var file = File.OpenRead(path);
        return IsoBoxes.TopLevel(file).Select(b => b.Type).ToList();
    }
}
