using System.Buffers.Binary;

namespace Sonic.Media.Audio;

/// <summary>Little-endian PCM bytes to floats in [-1, 1] (WAV conventions: 8-bit is unsigned, wider is signed).</summary>
internal static class PcmSampleConverter
{
    public static int BytesPerSample(PcmSampleFormat format) => format switch
    {
        PcmSampleFormat.Unsigned8 => 1,
        PcmSampleFormat.Signed16 => 2,
        PcmSampleFormat.Signed24 => 3,
        PcmSampleFormat.Signed32 or PcmSampleFormat.Float32 => 4,
        PcmSampleFormat.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Converts whole samples of <paramref name="source"/> into <paramref name="destination"/>; returns how many.</summary>
    public static int Convert(ReadOnlySpan<byte> source, Span<float> destination, PcmSampleFormat format)
    {
        var width = BytesPerSample(format);
        var count = Math.Min(source.Length / width, destination.Length);
        for (var i = 0; i < count; i++)
        {
            var bytes = source.Slice(i * width, width);
            destination[i] = format switch
            {
                PcmSampleFormat.Unsigned8 => (bytes[0] - 128) / 128f,
                PcmSampleFormat.Signed16 => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768f,
                PcmSampleFormat.Signed24 => ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) << 8 >> 8) / 8388608f,
                PcmSampleFormat.Signed32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0),
                PcmSampleFormat.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            };
        }

        return count;
    }
}
