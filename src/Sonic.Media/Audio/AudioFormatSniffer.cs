using System.Buffers.Binary;

namespace Sonic.Media.Audio;

/// <summary>
/// Recognises WAV and MP3 by their bytes, never by the file name: users rename files freely
/// (a ".wav" that holds MP3 data is common). Everything unrecognised goes to ffmpeg.
/// </summary>
public static class AudioFormatSniffer
{
    /// <summary>How far after the start (or after an ID3v2 tag) a first MPEG frame is searched for.</summary>
    private const int MpegSearchWindow = 64 * 1024;

    public static AudioContainer Detect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return Detect(stream);
    }

    /// <summary>Reads from the start of a seekable <paramref name="stream"/>; leaves its position undefined.</summary>
    public static AudioContainer Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> head = stackalloc byte[12];
        stream.Position = 0;
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..headLength];

        if (IsWave(head))
        {
            return AudioContainer.Wave;
        }

        long mpegSearchStart = 0;
        if (head.Length >= 10 && head[..3].SequenceEqual("ID3"u8))
        {
            // ID3v2: 10-byte header, size as a 28-bit "syncsafe" integer, optional 10-byte footer (flag 0x10).
            var tagSize = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
            var footer = (head[5] & 0x10) != 0 ? 10 : 0;
            mpegSearchStart = 10L + tagSize + footer;
        }

        return FindMpegFrames(stream, mpegSearchStart) ? AudioContainer.Mpeg : AudioContainer.Other;
    }

    private static bool IsWave(ReadOnlySpan<byte> head)
        => head.Length >= 12
            && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8))
            && head[8..12].SequenceEqual("WAVE"u8);

    /// <summary>
    /// True when a valid MPEG audio frame header is followed by a second one exactly one frame later (or by the end
    /// of the file): a lone 0xFFE sync pattern occurs in random data far too often to trust on its own.
    /// </summary>
    private static bool FindMpegFrames(Stream stream, long searchStart)
    {
        if (searchStart >= stream.Length)
        {
            return false;
        }

        stream.Position = searchStart;
        var window = new byte[(int)Math.Min(MpegSearchWindow + 8, stream.Length - searchStart)];
        var length = stream.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        var bytes = window.AsSpan(0, length);
        Span<byte> nextHeader = stackalloc byte[4];

        for (var offset = 0; offset + 4 <= bytes.Length && offset < MpegSearchWindow; offset++)
        {
            if (!MpegFrameHeader.TryParse(bytes[offset..], out var first))
            {
                continue;
            }

            var next = searchStart + offset + first.FrameLength;
            if (next >= stream.Length)
            {
                return true;
            }

            if (next + 4 <= searchStart + length)
            {
                if (MpegFrameHeader.TryParse(bytes[(int)(next - searchStart)..], out var second) && second.IsSameStreamAs(first))
                {
                    return true;
                }

                continue;
            }

            stream.Position = next;
            if (stream.ReadAtLeast(nextHeader, 4, throwOnEndOfStream: false) == 4
                && MpegFrameHeader.TryParse(nextHeader, out var far) && far.IsSameStreamAs(first))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fields of a 4-byte MPEG-1/2/2.5 audio frame header needed to find the next frame (ISO 11172-3 / 13818-3).</summary>
    private readonly record struct MpegFrameHeader(int Version, int Layer, int SampleRate, int FrameLength)
    {
        // Kilobits per second by bitrate index; rows: V1 L1, V1 L2, V1 L3, V2 L1, V2 L2/L3.
        private static readonly int[][] Bitrates =
        [
            [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
            [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        ];

        private static readonly int[] SampleRatesV1 = [44100, 48000, 32000];

        public bool IsSameStreamAs(MpegFrameHeader other)
            => Version == other.Version && Layer == other.Layer && SampleRate == other.SampleRate;

        public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header)
        {
            header = default;
            if (bytes.Length < 4)
            {
                return false;
            }

            var word = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if ((word & 0xFFE00000u) != 0xFFE00000u)
            {
                return false;
            }

            var versionBits = (int)((word >> 19) & 3); // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1
            var layerBits = (int)((word >> 17) & 3);   // 0: reserved, 1: III, 2: II, 3: I
            var bitrateIndex = (int)((word >> 12) & 15);
            var rateIndex = (int)((word >> 10) & 3);
            var padding = (int)((word >> 9) & 1);

            // Free-format (index 0) streams cannot be followed frame to frame; they are left to ffmpeg.
            if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
            {
                return false;
            }

            var layer = 4 - layerBits;
            var isV1 = versionBits == 3;
            var sampleRate = SampleRatesV1[rateIndex] >> (isV1 ? 0 : versionBits == 2 ? 1 : 2);
            var row = isV1 ? layer - 1 : layer == 1 ? 3 : 4;
            var bitrate = Bitrates[row][bitrateIndex] * 1000;

            var frameLength = layer == 1
                ? ((12 * bitrate / sampleRate) + padding) * 4
                : ((layer == 3 && !isV1 ? 72 : 144) * bitrate / sampleRate) + padding;

            header = new MpegFrameHeader(versionBits, layer, sampleRate, frameLength);
            return frameLength > 4;
        }
    }
}
