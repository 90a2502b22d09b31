using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sonic.Media.Audio;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>features.bin</c>: <see cref="AudioFeatures"/> as a tiny binary file (magic "SFEA", version, frame count,
/// dimension as little-endian int32, then the float32 values little-endian), so they never travel through history.
/// </summary>
public static class AudioFeaturesFile
{
    private const int Version = 1;
    private const int HeaderBytes = 16;
    private static ReadOnlySpan<byte> Magic => "SFEA"u8;

    public static byte[] Serialize(AudioFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var bytes = new byte[HeaderBytes + (features.Values.Length * sizeof(float))];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), features.FrameCount);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), AudioFeatures.Dimension);
        var values = bytes.AsSpan(HeaderBytes);
        for (var i = 0; i < features.Values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(values[(i * sizeof(float))..], features.Values[i]);
        }

        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a features file of this version.</exception>
    public static AudioFeatures Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || !bytes[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]) != Version)
        {
            throw new InvalidDataException("Not an audio features file (SFEA version 1).");
        }

        var frames = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        var count = (long)frames * dimension;
        if (frames < 0 || dimension != AudioFeatures.Dimension || bytes.Length - HeaderBytes != count * sizeof(float))
        {
            throw new InvalidDataException($"The audio features file is inconsistent: {frames} frames of {dimension} in {bytes.Length} bytes.");
        }

        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderBytes + (i * sizeof(float)))..]);
        }

        return new AudioFeatures(frames, values);
    }
}
