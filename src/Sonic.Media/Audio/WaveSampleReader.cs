using NAudio.Wave;

namespace Sonic.Media.Audio;

/// <summary>
/// Reads a RIFF/WAVE file's PCM or IEEE-float data with NAudio (works on Linux, unlike NAudio's MP3 path).
/// Compressed WAV encodings (ADPCM, µ-law, ...) throw <see cref="NotSupportedException"/> so the caller can hand the
/// file to ffmpeg.
/// </summary>
internal static class WaveSampleReader
{
    private const int FramesPerRead = 16 * 1024;

    public static PcmAudio Read(string path, TimeSpan? maxDuration, CancellationToken cancellationToken)
    {
        using var reader = new WaveFileReader(path);
        var waveFormat = reader.WaveFormat;
        var format = SampleFormatOf(waveFormat)
            ?? throw new NotSupportedException($"WAV encoding {waveFormat.Encoding} ({waveFormat.BitsPerSample} bit) is not read natively.");
        var channels = waveFormat.Channels;
        var bytesPerSample = PcmSampleConverter.BytesPerSample(format);
        if (channels < 1 || waveFormat.SampleRate < 1 || waveFormat.BlockAlign != bytesPerSample * channels)
        {
            throw new NotSupportedException($"WAV header is inconsistent: {waveFormat}.");
        }

        var declaredFrames = reader.Length / waveFormat.BlockAlign;
        if (AudioDecoder.MaxFrames(maxDuration, waveFormat.SampleRate) is { } limit && declaredFrames > limit)
        {
            throw AudioDecoder.TooLong(maxDuration!.Value);
        }

        if (declaredFrames * channels > Array.MaxLength)
        {
            throw new NotSupportedException("WAV data chunk is larger than one array can hold.");
        }

        // The declared length may exceed what the file really holds (a truncated upload): read what is there.
        var samples = new float[checked((int)(declaredFrames * channels))];
        var bytes = new byte[FramesPerRead * waveFormat.BlockAlign];
        var written = 0;
        while (written < samples.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wanted = Math.Min(bytes.Length, (samples.Length - written) * bytesPerSample);
            var read = reader.Read(bytes, 0, wanted);
            if (read <= 0)
            {
                break;
            }

            var whole = read / waveFormat.BlockAlign * waveFormat.BlockAlign;
            written += PcmSampleConverter.Convert(bytes.AsSpan(0, whole), samples.AsSpan(written), format);
            if (whole < read)
            {
                break;
            }
        }

        return new PcmAudio(written == samples.Length ? samples : samples[..written], waveFormat.SampleRate, channels);
    }

    private static PcmSampleFormat? SampleFormatOf(WaveFormat waveFormat)
    {
        var encoding = waveFormat.Encoding;
        if (encoding == WaveFormatEncoding.Extensible)
        {
            // WAVE_FORMAT_EXTENSIBLE (ffmpeg writes it for float and for > 2 channels). The sub-format GUID's first
            // field is the plain format tag (1 = PCM, 3 = IEEE float). NAudio's reader hands the extension over as
            // raw extra bytes: valid bits (2), channel mask (4), sub-format GUID (16).
            encoding = waveFormat switch
            {
                WaveFormatExtensible extensible => (WaveFormatEncoding)BitConverter.ToUInt16(extensible.SubFormat.ToByteArray(), 0),
                WaveFormatExtraData { ExtraData: { Length: >= 22 } extra } => (WaveFormatEncoding)BitConverter.ToUInt16(extra, 6),
                _ => encoding,
            };
        }

        return (encoding, waveFormat.BitsPerSample) switch
        {
            (WaveFormatEncoding.Pcm, 8) => PcmSampleFormat.Unsigned8,
            (WaveFormatEncoding.Pcm, 16) => PcmSampleFormat.Signed16,
            (WaveFormatEncoding.Pcm, 24) => PcmSampleFormat.Signed24,
            (WaveFormatEncoding.Pcm, 32) => PcmSampleFormat.Signed32,
            (WaveFormatEncoding.IeeeFloat, 32) => PcmSampleFormat.Float32,
            (WaveFormatEncoding.IeeeFloat, 64) => PcmSampleFormat.Float64,
            _ => null,
        };
    }
}
