namespace Sonic.Testing;

/// <summary>
/// The test media, each standing for one kind of input a user sends. Made on first use from redistributable sources
/// (the repository's public-domain portraits, drawings made in code, espeak-ng speech, synthesised singing; see
/// tests/media/README.md) into tests/media/.generated, which git ignores, and reused by every later run.
/// </summary>
public static class SampleMedia
{
    // Bump when a generator changes, so stale files from an older recipe are never read.
    private const string Recipe = "v5";

    private static readonly object Gate = new();

    /// <summary>The folder the generated media live in.</summary>
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "media", ".generated", Recipe);

    /// <summary>A real photo of a frontal face, mouth closed, filling half the frame: JPEG, 512×512 (Grace Hopper).</summary>
    public static string Portrait => Make("portrait.jpg", SampleImages.WritePortrait);

    /// <summary>A drawn cartoon face: PNG, 512×512.</summary>
    public static string Cartoon => Make("cartoon.png", SampleImages.WriteCartoon);

    /// <summary>A phone screenshot of a QR code, no face, 1284×2283: JPEG data behind a .png name.</summary>
    public static string NoFaceJpegNamedPng => Make("qr-screenshot.png", SampleImages.WriteQrScreenshot);

    /// <summary>English speech, female voice: MP3, 44.1 kHz stereo, about 10.03 s, starting with 0.77 s of room noise.</summary>
    public static string EnglishSpeechMp3 => Make("speech-en.MP3", SampleAudio.WriteEnglishSpeechMp3);

    /// <summary>Mandarin speech, male voice: PCM 16-bit WAV, 44.1 kHz stereo, exactly 10.0 s.</summary>
    public static string ChineseSpeechWav => Make("speech-zh.wav", SampleAudio.WriteChineseSpeechWav);

    /// <summary>A sung melody (no words): PCM 16-bit WAV, 32 kHz mono, exactly 10.0 s, sound from start to end.</summary>
    public static string SingingWav => Make("singing.wav", SampleAudio.WriteSingingWav);

    /// <summary>A medium by its property name, for theories: <c>[InlineData(nameof(SampleMedia.SingingWav))]</c>.</summary>
    public static string Named(string name) => name switch
    {
        nameof(Portrait) => Portrait,
        nameof(Cartoon) => Cartoon,
        nameof(NoFaceJpegNamedPng) => NoFaceJpegNamedPng,
        nameof(EnglishSpeechMp3) => EnglishSpeechMp3,
        nameof(ChineseSpeechWav) => ChineseSpeechWav,
        nameof(SingingWav) => SingingWav,
        _ => throw new ArgumentException($"No sample medium is called '{name}'.", nameof(name)),
    };

    /// <summary>Writes with <paramref name="write"/> once: to a temp name first, so a crash never leaves half a file.</summary>
    private static string Make(string name, Action<string> write)
    {
        var path = Path.Combine(Folder, name);
        if (File.Exists(path))
        {
            return path;
        }

        lock (Gate)
        {
            Directory.CreateDirectory(Folder);

            // Test projects may run side by side (an IDE does that): one process makes a file, the others wait.
            using var processLock = AcquireFolderLock();
            if (!File.Exists(path))
            {
                var temp = Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(name)}.{Environment.ProcessId}.tmp{Path.GetExtension(name)}");
                write(temp);
                File.Move(temp, path, overwrite: true);
            }
        }

        return path;
    }

    private static FileStream AcquireFolderLock()
    {
        var lockPath = Path.Combine(Folder, ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(200);
            }
        }
    }
}
