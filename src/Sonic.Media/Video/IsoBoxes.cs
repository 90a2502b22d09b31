using System.Buffers.Binary;
using System.Text;

namespace Sonic.Media.Video;

/// <summary>One top-level box of an ISO base media file (MP4): its type, where it starts and its whole size.</summary>
/// <param name="Uuid">The 16-byte extended type of a <c>uuid</c> box with a 32-bit size header; null otherwise.</param>
public sealed record IsoBox(string Type, long Offset, long Size, byte[]? Uuid)
{
    public bool IsUuid(ReadOnlySpan<byte> uuid) => Uuid is not null && uuid.SequenceEqual(Uuid);
}

/// <summary>Walks the top-level boxes of an MP4 (largesize and size-0 "to the end" boxes included).</summary>
public static class IsoBoxes
{
    /// <summary>The top-level boxes in file order; stops (returning what it walked) where the bytes stop being boxes —
    /// <see cref="CoversWholeFile"/> tells whether they reached the end.</summary>
    public static List<IsoBox> TopLevel(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var boxes = new List<IsoBox>();
        Span<byte> header = stackalloc byte[24];
        long offset = 0;
        while (offset + 8 <= file.Length)
        {
            file.Seek(offset, SeekOrigin.Begin);
            var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1 && read >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }

            if (size < headerLength || size > file.Length - offset)
            {
                break; // not a box structure we can walk
            }

            var type = Encoding.Latin1.GetString(header[4..8]);
            var uuid = type == "uuid" && headerLength == 8 && size >= 24 ? header[8..24].ToArray() : null;
            boxes.Add(new IsoBox(type, offset, size, uuid));
            offset += size;
        }

        return boxes;
    }

    public static bool CoversWholeFile(IReadOnlyList<IsoBox> boxes, Stream file)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(file);
        return boxes.Count > 0 && boxes[^1].Offset + boxes[^1].Size == file.Length;
    }

    /// <summary>
    /// The body (after the 24-byte header) of the last top-level <c>uuid</c> box with <paramref name="uuid"/>, or null
    /// when there is none; a body over <paramref name="maxBytes"/> is refused (a crafted file must not make us
    /// allocate its declared size).
    /// </summary>
    /// <exception cref="FormatException">The box is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[]? ReadUuidBody(Stream file, ReadOnlySpan<byte> uuid, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        IsoBox? found = null;
        foreach (var box in TopLevel(file))
        {
            found = box.IsUuid(uuid) ? box : found;
        }

        if (found is null)
        {
            return null;
        }

        if (found.Size - 24 > maxBytes)
        {
            throw new FormatException($"A uuid box of {found.Size} bytes is larger than the {maxBytes} this reader takes.");
        }

        var body = new byte[found.Size - 24];
        file.Seek(found.Offset + 24, SeekOrigin.Begin);
        file.ReadExactly(body);
        return body;
    }

    /// <summary>
    /// Removes the top-level <c>uuid</c> box with <paramref name="uuid"/> that a previous run appended, so a re-run
    /// replaces it instead of adding a second; it must be the file's last box.
    /// </summary>
    public static void RemoveTrailingUuidBox(Stream file, ReadOnlySpan<byte> uuid, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        foreach (var box in TopLevel(file))
        {
            if (!box.IsUuid(uuid))
            {
                continue;
            }

            if (box.Offset + box.Size != file.Length)
            {
                throw new InvalidOperationException($"{fileName} has a uuid box of this kind that is not its last box.");
            }

            file.SetLength(box.Offset);
            return;
        }
    }

    /// <summary>Appends a top-level <c>uuid</c> box (32-bit size) with <paramref name="uuid"/> and <paramref name="body"/>.</summary>
    public static void AppendUuidBox(Stream file, ReadOnlySpan<byte> uuid, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> header = stackalloc byte[8 + 16];
        BinaryPrimitives.WriteUInt32BigEndian(header, checked((uint)(header.Length + body.Length)));
        "uuid"u8.CopyTo(header[4..]);
        uuid.CopyTo(header[8..]);
        file.Seek(0, SeekOrigin.End);
        file.Write(header);
        file.Write(body);
    }
}
