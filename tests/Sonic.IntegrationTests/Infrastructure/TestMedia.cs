using Sonic.Testing;

namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>Inputs cut once per test run from the sample media.</summary>
public static class TestMedia
{
    private static readonly Lazy<string> Folder = new(() => TestPaths.NewTempFolder("sonic-it"));
    private static readonly Lazy<string> ShortClip = new(() => Clip("speech-2_5s.wav", start: 0.5, seconds: 2.5));
    private static readonly Lazy<string> LongClip = new(() => Clip("speech-10s.wav", start: 0, seconds: 10));

    /// <summary>2.5 s of real speech, 16 kHz mono WAV: a job of a few seconds.</summary>
    public static string ShortSpeech => ShortClip.Value;

    /// <summary>The full 10 s sample: a job long enough to interrupt.</summary>
    public static string LongSpeech => LongClip.Value;

    private static string Clip(string name, double start, double seconds)
    {
        var path = Path.Combine(Folder.Value, name);
        MediaTool.Ffmpeg(
            "-ss", start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", SampleMedia.EnglishSpeechMp3, "-ac", "1", "-ar", "16000", path);
        return path;
    }
}
