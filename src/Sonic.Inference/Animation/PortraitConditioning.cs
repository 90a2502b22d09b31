using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sonic.Inference.Animation;

/// <summary>
/// What an animator computes from the portrait alone, handed back so another job with the same portrait and model
/// need not compute it again (Sonic: the CLIP image embedding and the VAE latent of the crop, at the side it rendered).
/// Stored as a small little-endian binary: side, the two lengths, then the floats.
/// </summary>
public sealed record PortraitConditioning(int Side, float[] ClipEmbeds, float[] ImageLatent)
{
    private const int HeaderBytes = 12;

    public byte[] Serialize()
    {
        var bytes = new byte[HeaderBytes + ((ClipEmbeds.Length + ImageLatent.Length) * sizeof(float))];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Side);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), ClipEmbeds.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), ImageLatent.Length);
        MemoryMarshal.AsBytes(ClipEmbeds.AsSpan()).CopyTo(bytes.AsSpan(HeaderBytes));
        MemoryMarshal.AsBytes(ImageLatent.AsSpan()).CopyTo(bytes.AsSpan(HeaderBytes + (ClipEmbeds.Length * sizeof(float))));
        return bytes;
    }

    /// <summary>The conditioning written by <see cref="Serialize"/>, or null when the bytes are not one (then it is made again).</summary>
    public static PortraitConditioning? TryDeserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || !BitConverter.IsLittleEndian)
        {
            return null;
        }

        var (side, clip, latent) = (
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]));
        if (side <= 0 || clip < 0 || latent < 0 || bytes.Length != HeaderBytes + ((long)(clip + latent) * sizeof(float)))
        {
            return null;
        }

        var floats = MemoryMarshal.Cast<byte, float>(bytes[HeaderBytes..]);
        return new PortraitConditioning(side, floats[..clip].ToArray(), floats[clip..].ToArray());
    }
}
