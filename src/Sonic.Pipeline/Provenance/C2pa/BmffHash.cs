using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// The C2PA hard binding for MP4 (<c>c2pa.hash.bmff.v3</c>): SHA-256 over every top-level box but the excluded ones,
/// each preceded by its file offset as a big-endian u64 — so moving, dropping or altering any box breaks it. The
/// exclusions are the standard ones: the C2PA <c>uuid</c> box itself (matched by its UUID at offset 8), <c>ftyp</c>,
/// <c>mfra</c>, <c>free</c> and <c>skip</c>.
/// </summary>
public static class BmffHash
{
    public const string Label = "c2pa.hash.bmff.v3";

    /// <summary>C2PA's ISO BMFF box id (d8fec3d6-1b0e-483c-9297-5828877ec481).</summary>
    public static ReadOnlySpan<byte> C2paUuid => [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81];

    private static readonly string[] ExcludedTypes = ["ftyp", "mfra", "free", "skip"];

    /// <summary>The hash of <paramref name="file"/> as it stands (a C2PA box in it is skipped); null when bytes in it are not boxes, which nothing can bind.</summary>
    public static byte[]? Compute(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var boxes = IsoBoxes.TopLevel(file);
        if (!IsoBoxes.CoversWholeFile(boxes, file))
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> offset = stackalloc byte[8];
        var buffer = new byte[1 << 20];
        foreach (var box in boxes)
        {
            if (ExcludedTypes.Contains(box.Type) || box.IsUuid(C2paUuid))
            {
                continue;
            }

            BinaryPrimitives.WriteUInt64BigEndian(offset, (ulong)box.Offset);
            hash.AppendData(offset);
            file.Seek(box.Offset, SeekOrigin.Begin);
            for (var left = box.Size; left > 0;)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw new EndOfStreamException("The file ended inside a box.");
                }

                hash.AppendData(buffer, 0, read);
                left -= read;
            }
        }

        return hash.GetHashAndReset();
    }

    /// <summary>The assertion's CBOR: the exclusions, the algorithm, the hash and c2pa-rs's informational name.</summary>
    public static byte[] Assertion(byte[] hash)
    {
        var cbor = new CborWriter();
        cbor.WriteStartMap(4);
        cbor.WriteTextString("exclusions");
        cbor.WriteStartArray(1 + ExcludedTypes.Length);
        cbor.WriteStartMap(2);
        cbor.WriteTextString("xpath");
        cbor.WriteTextString("/uuid");
        cbor.WriteTextString("data");
        cbor.WriteStartArray(1);
        cbor.WriteStartMap(2);
        cbor.WriteTextString("offset");
        cbor.WriteInt32(8);
        cbor.WriteTextString("value");
        cbor.WriteByteString(C2paUuid);
        cbor.WriteEndMap();
        cbor.WriteEndArray();
        cbor.WriteEndMap();
        foreach (var type in ExcludedTypes)
        {
            cbor.WriteStartMap(1);
            cbor.WriteTextString("xpath");
            cbor.WriteTextString("/" + type);
            cbor.WriteEndMap();
        }

        cbor.WriteEndArray();
        cbor.WriteTextString("alg");
        cbor.WriteTextString("sha256");
        cbor.WriteTextString("hash");
        cbor.WriteByteString(hash);
        cbor.WriteTextString("name");
        cbor.WriteTextString("jumbf manifest");
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    /// <summary>The <c>hash</c> of a <see cref="Label"/> assertion (null when it has none).</summary>
    public static byte[]? HashOf(ReadOnlyMemory<byte> assertionCbor) => CborMaps.ReadMap(assertionCbor).TryGetValue("hash", out var value) ? value as byte[] : null;
}
