using Sonic.Media.Audio;
using Sonic.Media.Video;
using Sonic.Pipeline.PostProcessing;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.PostProcessing;

/// <summary>
/// A textured synthetic face whose dark mouth opens with a real speech clip's loudness, with optional injected
/// lip-sync offset, global jitter and brightness flicker of known size, drawn analytically (so sub-pixel shifts are
/// exact) one frame at a time.
/// </summary>
internal static class SyntheticTalkingClip
{
    public const int Side = 256;

    public static RegionF Face { get; } = new(0.25, 0.2, 0.5, 0.6);

    public static RegionF Mouth { get; } = new(0.375, 0.58, 0.25, 0.16);

    /// <summary>Eye centres (pixels, before jitter): tests track them to measure jitter independently of the smoother.</summary>
    public static (double X, double Y) LeftEye => (0.4 * Side, 0.4 * Side);

    private static readonly Lazy<float[]> SpeechLoudness = new(() => LoudnessOf(Speech16k(SampleMedia.ChineseSpeechWav)));

    public static IReadOnlyList<float> Loudness => SpeechLoudness.Value;

    /// <summary>The untextured skin around the mouth (half sizes, pixels) that <see cref="Frames"/> can draw.</summary>
    public const double PlainHalfWidth = 44, PlainHalfHeight = 30;

    /// <summary>Mouth centre (pixels, before jitter).</summary>
    public static (double X, double Y) MouthCentre => (0.5 * Side, 0.66 * Side);

    /// <summary>The mouth's half-height for a loudness value (its half-width is 20 px).</summary>
    public static double MouthOpening(float loudness) => 1 + (14 * loudness);

    /// <summary>
    /// Frames whose mouth follows the loudness <paramref name="videoLagFrames"/> frames late (negative: early). With
    /// <paramref name="plainAroundMouth"/> the skin around the mouth is a flat grey, so the mouth's darkness can be
    /// measured wherever jitter puts it.
    /// </summary>
    public static IEnumerable<RgbaFrame> Frames(
        IReadOnlyList<float> loudness, int videoLagFrames = 0, Func<int, (double Dx, double Dy)>? jitter = null, Func<int, double>? gain = null, bool plainAroundMouth = false)
    {
        var frame = new RgbaFrame(Side, Side);
        for (var i = 0; i < loudness.Count; i++)
        {
            var source = Math.Clamp(i - videoLagFrames, 0, loudness.Count - 1);
            var opening = MouthOpening(loudness[source]);
            var (dx, dy) = jitter?.Invoke(i) ?? (0, 0);
            Draw(frame, opening, dx, dy, gain?.Invoke(i) ?? 1.0, plainAroundMouth);
            frame.Index = i;
            yield return frame;
        }
    }

    public static void Draw(RgbaFrame frame, double mouthOpening, double dx, double dy, double gain, bool plainAroundMouth = false)
    {
        var pixels = frame.Pixels;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var (u, v) = (x - dx, y - dy);
                var plain = plainAroundMouth && Math.Abs(u - MouthCentre.X) < PlainHalfWidth && Math.Abs(v - MouthCentre.Y) < PlainHalfHeight;
                var value = plain ? 128 : 128 + (40 * Math.Sin(u / 7.0) * Math.Cos(v / 9.0)) + (25 * Math.Sin((u + (2 * v)) / 13.0));
                value -= 90 * Blob(u, v, LeftEye.X, LeftEye.Y, 6, 6);
                value -= 90 * Blob(u, v, 0.6 * Side, 0.4 * Side, 6, 6);
                value -= 100 * Blob(u, v, MouthCentre.X, MouthCentre.Y, 20, mouthOpening);
                var o = ((y * Side) + x) * 4;
                pixels[o] = Byte(value * gain * 1.05);
                pixels[o + 1] = Byte(value * gain * 0.9);
                pixels[o + 2] = Byte(value * gain * 0.8);
                pixels[o + 3] = 255;
            }
        }
    }

    /// <summary>A soft ellipse: 1 inside, falling smoothly to 0 over about one pixel at its edge.</summary>
    private static double Blob(double u, double v, double cx, double cy, double rx, double ry)
    {
        var d = Math.Sqrt(Math.Pow((u - cx) / rx, 2) + Math.Pow((v - cy) / ry, 2));
        return Math.Clamp((1 - d) * Math.Min(rx, ry) + 0.5, 0, 1);
    }

    private static byte Byte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);

    public static float[] Speech16k(string path)
    {
        using var process = ToolProcess.Start("ffmpeg", ["-v", "error", "-i", path, "-ac", "1", "-ar", "16000", "-f", "f32le", "-"]);
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        var bytes = buffer.ToArray();
        var samples = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
        return samples;
    }

    public static float[] LoudnessOf(float[] mono16k)
    {
        var features = AudioFeatureExtractor.Extract(mono16k);
        var loudness = new float[features.FrameCount];
        for (var i = 0; i < loudness.Length; i++)
        {
            loudness[i] = features[i, AudioFeatures.Loudness];
        }

        return loudness;
    }

    public static AudioFeatures FeaturesOf(IReadOnlyList<float> loudness)
    {
        var values = new float[loudness.Count * AudioFeatures.Dimension];
        for (var i = 0; i < loudness.Count; i++)
        {
            values[i * AudioFeatures.Dimension] = loudness[i];
        }

        return new AudioFeatures(loudness.Count, values);
    }
}
