using System.Text;

namespace Sonic.Media.Video;

/// <summary>
/// XMP in an MP4 as XMP Part 3 places it: a top-level <c>uuid</c> box with <see cref="BoxUuid"/> holding the packet.
/// Appended at the end of the file, so no offset in <c>moov</c> moves and <c>+faststart</c> keeps <c>moov</c> first;
/// a packet already there (a re-run) is replaced, never doubled.
/// </summary>
public static class Mp4Xmp
{
    /// <summary>BE7ACFCB-97A9-42E8-9C71-999491E3AFAC, the XMP box's id.</summary>
    public static ReadOnlySpan<byte> BoxUuid => [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    public static void Write(string mp4Path, string packet)
    {
        ArgumentException.ThrowIfNullOrEmpty(mp4Path);
        ArgumentNullException.ThrowIfNull(packet);
        using var file = new FileStream(mp4Path, FileMode.Open, FileAccess.ReadWrite);
        IsoBoxes.RemoveTrailingUuidBox(file, BoxUuid, Path.GetFileName(mp4Path));
        IsoBoxes.AppendUuidBox(file, BoxUuid, Encoding.UTF8.GetBytes(packet));
    }

    /// <summary>The XMP packet of an MP4, or null when it has none (or one over 1 MiB, which is not ours).</summary>
    public static string? Read(string mp4Path)
    {
        ArgumentException.ThrowIfNullOrEmpty(mp4Path);
        using var file = File.OpenRead(mp4Path);
        return Read(file);
    }

    /// <inheritdoc cref="Read(string)"/>
    public static string? Read(Stream file)
    {
        try
        {
            return IsoBoxes.ReadUuidBody(file, BoxUuid, 1 << 20) is { } body ? Encoding.UTF8.GetString(body) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether the file starts like ISO base media (an <c>ftyp</c> box), as MP4 and MOV files do.</summary>
    public static bool IsIsoMedia(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.Seek(0, SeekOrigin.Begin);
        Span<byte> header = stackalloc byte[8];
        return file.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8 && header[4..].SequenceEqual("ftyp"u8);
    }
}
