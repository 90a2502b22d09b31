using System.Runtime.InteropServices;
using NAudio.Wave;

namespace Sonic.Media.Audio;

/// <summary>
/// Writes 32-bit IEEE-float WAV (lossless for decoded audio, read by ffmpeg for muxing and by <see cref="AudioDecoder"/>).
/// </summary>
public static class FloatWavWriter
{
    public static void Write(string path, PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        Write(path, audio.Samples, audio.SampleRate, audio.Channels);
    }

    /// <summary>Writes interleaved <paramref name="samples"/> to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate, int channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentException("The sample count must be a multiple of the channel count.", nameof(samples));
        }

        // Write to a sibling temp name and move, so a crash never leaves a half-written file under the final name.
        var partial = path + ".partial";
        using (var writer = new WaveFileWriter(partial, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels)))
        {
            // WAV is little-endian, as is every platform .NET runs on here.
            writer.Write(MemoryMarshal.AsBytes(samples));
        }

        File.Move(partial, path, overwrite: true);
    }
}
