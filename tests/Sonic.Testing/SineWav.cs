using System.Text;

namespace Sonic.Testing;

/// <summary>Writes a sine tone as a 32-bit IEEE-float WAV, the format the pipeline hands to the encoder.</summary>
public static class SineWav
{
    public static string Write(string path, double seconds, int sampleRate = 16000, int channels = 1, double frequencyHz = 440, float amplitude = 0.5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        var frames = (int)Math.Round(seconds * sampleRate);
        var dataBytes = frames * channels * sizeof(float);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(4 + (8 + 16) + (8 + dataBytes));
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)3); // WAVE_FORMAT_IEEE_FLOAT
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * sizeof(float));
        writer.Write((short)(channels * sizeof(float)));
        writer.Write((short)32);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (var i = 0; i < frames; i++)
        {
            var sample = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate));
            for (var c = 0; c < channels; c++)
            {
                writer.Write(sample);
            }
        }

        return path;
    }
}
