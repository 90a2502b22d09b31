using System.Buffers.Binary;
using System.Text;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// JUMBF (ISO/IEC 19566-5) as C2PA uses it: a superbox (<c>jumb</c>) is a description box (<c>jumd</c>: content-type
/// UUID, toggles 0x03 "requestable, labelled", the NUL-terminated label) followed by its content boxes. Readers
/// re-serialise assertion boxes to check their hashes, so these bytes are exactly the canonical form.
/// </summary>
public static class Jumbf
{
    /// <summary>Content types: four ASCII letters followed by 0011-0010-8000-00AA00389B71.</summary>
    public static byte[] ContentType(string fourCc) =>
        [.. Encoding.ASCII.GetBytes(fourCc), 0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static readonly byte[] ManifestStore = ContentType("c2pa");
    public static readonly byte[] Manifest = ContentType("c2ma");
    public static readonly byte[] AssertionStore = ContentType("c2as");
    public static readonly byte[] Claim = ContentType("c2cl");
    public static readonly byte[] Signature = ContentType("c2cs");
    public static readonly byte[] CborAssertion = ContentType("cbor");

    private const byte RequestableAndLabelled = 0x03;

    /// <summary>A box: 32-bit size (header included), type, payload.</summary>
    public static byte[] Box(string type, params ReadOnlySpan<byte[]> payload)
    {
        var length = 8;
        foreach (var part in payload)
        {
            length += part.Length;
        }

        var box = new byte[length];
        BinaryPrimitives.WriteUInt32BigEndian(box, checked((uint)length));
        Encoding.ASCII.GetBytes(type, box.AsSpan(4, 4));
        var at = 8;
        foreach (var part in payload)
        {
            part.CopyTo(box, at);
            at += part.Length;
        }

        return box;
    }

    /// <summary>A superbox of <paramref name="contentType"/> labelled <paramref name="label"/> holding <paramref name="children"/>.</summary>
    public static byte[] SuperBox(byte[] contentType, string label, params ReadOnlySpan<byte[]> children)
    {
        var description = Box("jumd", contentType, [RequestableAndLabelled], [.. Encoding.UTF8.GetBytes(label), 0]);
        return Box("jumb", [description, .. children]);
    }

    /// <summary>A superbox holding one CBOR content box.</summary>
    public static byte[] CborSuperBox(byte[] contentType, string label, byte[] cbor) => SuperBox(contentType, label, Box("cbor", cbor));

    /// <summary>The children of the superbox at the start of <paramref name="box"/>: (label, content type, child boxes after the description).</summary>
    public static (string Label, byte[] ContentType, List<ReadOnlyMemory<byte>> Children) Open(ReadOnlyMemory<byte> box)
    {
        var boxes = Boxes(Payload(box, "jumb"));
        if (boxes.Count == 0)
        {
            throw new FormatException("A JUMBF superbox has no description box.");
        }

        var description = Payload(boxes[0], "jumd").Span;
        if (description.Length < 18 || (description[16] & RequestableAndLabelled) != RequestableAndLabelled)
        {
            throw new FormatException("A JUMBF description box has no label.");
        }

        var end = description[17..].IndexOf((byte)0);
        if (end < 0)
        {
            throw new FormatException("A JUMBF label is not terminated.");
        }

        return (Encoding.UTF8.GetString(description.Slice(17, end)), description[..16].ToArray(), boxes.Skip(1).ToList());
    }

    /// <summary>The payload of a box of <paramref name="type"/> (the 8-byte header checked and dropped).</summary>
    public static ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> box, string type)
    {
        var span = box.Span;
        if (span.Length < 8 || BinaryPrimitives.ReadUInt32BigEndian(span) != span.Length || Encoding.ASCII.GetString(span[4..8]) != type)
        {
            throw new FormatException($"Expected a '{type}' box.");
        }

        return box[8..];
    }

    /// <summary>The consecutive boxes in <paramref name="payload"/>.</summary>
    public static List<ReadOnlyMemory<byte>> Boxes(ReadOnlyMemory<byte> payload)
    {
        var boxes = new List<ReadOnlyMemory<byte>>();
        var at = 0;
        while (at < payload.Length)
        {
            if (payload.Length - at < 8)
            {
                throw new FormatException("A JUMBF box is cut short.");
            }

            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(payload.Span[at..]);
            if (size < 8 || size > payload.Length - at)
            {
                throw new FormatException("A JUMBF box has a size that does not fit.");
            }

            boxes.Add(payload.Slice(at, size));
            at += size;
        }

        return boxes;
    }
}
