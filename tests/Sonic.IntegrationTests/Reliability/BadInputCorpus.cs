using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using Sonic.IntegrationTests.Infrastructure;
using Sonic.Testing;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// One bad (or merely unusual) input and what must come of it, the same through the CLI and the HTTP API.
/// <see cref="Code"/> is the stable error code, or <see cref="Renders"/> where the input is odd but usable.
/// </summary>
public sealed record BadInput(string Name, Func<string> Image, Func<string> Audio, string? Parameters, string Code, string? HttpCode = null)
{
    public const string Renders = "renders";

    /// <summary>What the HTTP API answers where it differs (an empty part is caught before any job: <c>missing_input</c>).</summary>
    public string ExpectedOverHttp => HttpCode ?? Code;
}

/// <summary>
/// The corpus, made once per run from the generated sample media with ffmpeg and a few bytes of surgery: truncated and
/// empty files, wrong contents under right names, odd but valid formats, sizes past every limit, broken parameters.
/// </summary>
public static class BadInputCorpus
{
    private const string Small = """{"min_resolution":256,"output_resolution":360}""";

    private static readonly Lazy<string> Folder = new(() => TestPaths.NewTempFolder("sonic-corpus"));
    private static readonly Dictionary<string, Lazy<string>> Files = [];

    public static IReadOnlyList<BadInput> Cases { get; } =
    [
        // Images (with good speech).
        new("truncated png", File("truncated.png", p => Truncate(Cartoon(), p, 300)), Speech, Small, "image_unreadable"),
        new("empty png", File("empty.png", p => System.IO.File.WriteAllBytes(p, [])), Speech, Small, "image_unreadable", "missing_input"),
        new("png claiming 30000x30000", File("bomb.png", p => ResizeHeader(Cartoon(), p, 30000, 30000)), Speech, Small, "image_too_large"),
        new("1x20000 image", File("thin.png", p => Ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=2x20000", "-frames:v", "1", "-vf", "format=rgb24,crop=1:20000:0:0", p)), Speech, Small, "image_too_small"),
        new("wav named .png", File("sound.png", p => System.IO.File.Copy(TestMedia.ShortSpeech, p)), Speech, Small, "image_unsupported_format"),
        new("text named .jpg", File("note.jpg", p => System.IO.File.WriteAllText(p, "not a picture")), Speech, Small, "image_unsupported_format"),
        new("animated gif", File("anim.gif", p => Ffmpeg("-f", "lavfi", "-i", "testsrc=s=512x512:d=1:r=5", p)), Speech, Small, "image_unsupported_format"),
        new("animated webp (first frame used)", File("anim.webp", p => Ffmpeg("-loop", "1", "-i", SampleMedia.Portrait, "-t", "1", "-r", "5", "-c:v", "libwebp_anim", p)), Speech, Small, BadInput.Renders),
        new("16-bit png", File("deep.png", p => Ffmpeg("-i", SampleMedia.Portrait, "-pix_fmt", "rgb48be", p)), Speech, Small, BadInput.Renders),
        new("cmyk jpeg", File("cmyk.jpg", p => Python($"from PIL import Image; Image.open('{SampleMedia.Portrait}').convert('CMYK').save('{p}')")), Speech, Small, BadInput.Renders),
        new("no face", () => SampleMedia.NoFaceJpegNamedPng, Speech, Small, "no_face_detected"),

        // Audio (with a good portrait).
        new("0.1 s of audio", Portrait, File("short.wav", p => Ffmpeg("-f", "lavfi", "-i", "sine=f=440:r=16000", "-t", "0.1", p)), Small, "audio_too_short"),
        new("601 s of audio", Portrait, File("long.wav", p => Ffmpeg("-f", "lavfi", "-i", "sine=f=220:r=8000", "-t", "601", p)), Small, "audio_too_long"),
        new("empty wav", Portrait, File("empty.wav", p => System.IO.File.WriteAllBytes(p, [])), Small, "audio_empty", "missing_input"),
        new("truncated wav (what arrived is used)", Portrait, File("truncated.wav", p => Truncate(TestMedia.ShortSpeech, p, 48_000)), Small, BadInput.Renders),
        new("silence", Portrait, File("silent.wav", p => Ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", p)), Small, "audio_silent"),
        new("zip renamed .wav", Portrait, File("archive.wav", Zip), Small, "audio_unreadable"),
        new("image named .mp3", Portrait, File("picture.mp3", p => System.IO.File.Copy(SampleMedia.Portrait, p)), Small, "audio_unreadable"),
        new("random bytes named .m4a", Portrait, File("noise.m4a", p => System.IO.File.WriteAllBytes(p, RandomBytes(200_000))), Small, "audio_unreadable"),
        new("8 kHz mono", Portrait, File("phone.wav", p => Ffmpeg("-i", TestMedia.ShortSpeech, "-ar", "8000", "-ac", "1", p)), Small, BadInput.Renders),
        new("96 kHz 8 channels", Portrait, File("studio.wav", p => Ffmpeg("-i", TestMedia.ShortSpeech, "-ar", "96000", "-ac", "8", p)), Small, BadInput.Renders),
        new("mp3 with a 2.7 MB ID3 tag", Portrait, File("tagged.mp3", TaggedMp3), Small, BadInput.Renders),

        // Parameters (with good inputs).
        new("min_resolution out of range", Portrait, Speech, """{"min_resolution":100}""", "invalid_parameter"),
        new("seed of the wrong type", Portrait, Speech, """{"seed":"x"}""", "invalid_parameter"),
        new("output_resolution of the wrong type", Portrait, Speech, """{"output_resolution":"big"}""", "invalid_parameter"),
        new("unknown parameter", Portrait, Speech, """{"colour":1}""", "invalid_parameter"),
        new("negative dynamic_scale", Portrait, Speech, """{"dynamic_scale":-3}""", "invalid_parameter"),
        new("parameters that are not JSON", Portrait, Speech, "{min_resolution: 256", "invalid_parameter"),
        new("10 MB of parameters", Portrait, Speech, "{\"watermark_text\":\"" + new string('x', 10 * 1024 * 1024) + "\"}", "invalid_parameter", "invalid_request"),
        new("file_name with path traversal", Portrait, Speech, """{"min_resolution":256,"output_resolution":360,"file_name":"../../etc/passwd"}""", BadInput.Renders),
        new("file_name with control characters", Portrait, Speech, """{"min_resolution":256,"output_resolution":360,"file_name":"a\u0007b\r\nc\u0000d"}""", BadInput.Renders),
    ];

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var input in Cases)
        {
            names.Add(input.Name);
        }

        return names;
    }

    public static BadInput Named(string name) => Cases.Single(c => c.Name == name);

    private static string Portrait() => SampleMedia.Portrait;

    private static string Speech() => TestMedia.ShortSpeech;

    private static string Cartoon() => SampleMedia.Cartoon;

    /// <summary>A file made on first use, then reused by both surfaces.</summary>
    private static Func<string> File(string name, Action<string> make)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(name, out var lazy))
            {
                lazy = new Lazy<string>(() =>
                {
                    var path = Path.Combine(Folder.Value, name);
                    make(path);
                    return path;
                });
                Files[name] = lazy;
            }

            return () => lazy.Value;
        }
    }

    private static void Ffmpeg(params string[] args) => MediaTool.Ffmpeg(args);

    private static void Truncate(string source, string target, int bytes) =>
        System.IO.File.WriteAllBytes(target, System.IO.File.ReadAllBytes(source).AsSpan(0, bytes).ToArray());

    /// <summary>Rewrites a PNG's IHDR size (and its CRC): a small file that claims a huge canvas.</summary>
    private static void ResizeHeader(string png, string target, int width, int height)
    {
        var bytes = System.IO.File.ReadAllBytes(png);
        const int ihdrData = 16;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(ihdrData), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(ihdrData + 4), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ihdrData + 13), Crc32.HashToUInt32(bytes.AsSpan(ihdrData - 4, 17)));
        System.IO.File.WriteAllBytes(target, bytes);
    }

    private static void Zip(string target)
    {
        using var zip = ZipFile.Open(target, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
        writer.Write("a zip archive, not a recording");
    }

    /// <summary>Speech as MP3 with a large picture in its ID3 tag (what phones and editors attach).</summary>
    private static void TaggedMp3(string target)
    {
        var cover = Path.Combine(Folder.Value, "cover.png");
        Ffmpeg("-f", "lavfi", "-i", "nullsrc=s=1400x1400,geq=random(1)*255:128:128", "-frames:v", "1", cover);
        Ffmpeg("-i", TestMedia.ShortSpeech, "-i", cover, "-map", "0", "-map", "1", "-c:a", "libmp3lame", "-c:v", "copy", "-id3v2_version", "3", target);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Debian's python3-pil (installed by scripts/setup.sh) writes what ffmpeg cannot: a CMYK JPEG.</summary>
    private static void Python(string code)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", code]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed (run scripts/setup.sh for python3-pil): {error}");
        }
    }
}
