using System.Buffers.Binary;
using System.Text;

namespace Sonic.Testing;

/// <summary>Reads the top-level box (atom) types of an MP4/ISO-BMFF file in file order, e.g. ftyp, moov, mdat.</summary>
public static class Mp4Boxes
{
    public static IReadOnlyList<string> TopLevelTypes(string path)
    {
        var types = new List<string>();
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            types.Add(Encoding.ASCII.GetString(header.Slice(4, 4)));
            if (size == 1)
            {
                // 64-bit "largesize" follows the type.
                file.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.Slice(8, 8));
            }
            else if (size == 0)
            {
                break; // the box runs to the end of the file
            }

            if (size < 8)
            {
                throw new InvalidDataException($"Box '{types[^1]}' at {position} has an impossible size {size}.");
            }

            position += size;
        }

        return types;
    }
}
