using System.Globalization;
using Microsoft.Extensions.Options;
using Sonic.Media.Video;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.Watermark;
using Sonic.Testing;
using Xunit.Abstractions;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Provenance;

/// <summary>
/// The invisible watermark, on real renders decoded by ffmpeg: invisible (PSNR), found with its payload after the
/// attacks the issue lists on several portraits, and not found in 100 videos that do not carry it.
/// </summary>
public sealed class InvisibleWatermarkTests(ITestOutputHelper log) : IDisposable
{
    private static readonly WatermarkCode Code = new(ProvenanceOptions.DevelopmentWatermarkKey);
    private readonly string folder = TestPaths.NewTempFolder("sonic-watermark");

    [Fact]
    public async Task Embedder_ChangesOnlyLuma_ByLessThan45DbWorth_AndLeavesTheSourceFrame()
    {
        var (width, height) = (512, 512);
        var portrait = new RgbaFrame(width, height);
        (await FfmpegDecode.FrameRgbaAsync(SampleMedia.Portrait, 0, width, height)).CopyTo(portrait.Pixels, 0);
        var original = portrait.Pixels.ToArray();
        var embedder = new WatermarkEmbedder(Code, 0x0123_4567_89AB_CDEFUL, width, height);

        foreach (var index in new[] { 0, 4, 8, 12, 63 })
        {
            var marked = embedder.Apply(portrait, index);
            Assert.NotSame(portrait, marked);
            Assert.Equal(original, portrait.Pixels);
            double squares = 0;
            for (var i = 0; i < original.Length; i += 4)
            {
                var d = marked.Pixels[i] - original[i];
                // The same change in R, G and B (a grey shift) unless a channel clipped; alpha untouched.
                Assert.True(marked.Pixels[i + 3] == original[i + 3]);
                var clipped = Enumerable.Range(0, 3).Any(c => marked.Pixels[i + c] is 0 or 255);
                for (var c = 0; c < 3; c++)
                {
                    var dc = marked.Pixels[i + c] - original[i + c];
                    Assert.True(dc == d || clipped, $"pixel {i / 4}: channel {c} moved {dc}, red {d}");
                    squares += dc * dc;
                }
            }

            var psnr = 10 * Math.Log10(255.0 * 255 / (squares / (original.Length / 4 * 3)));
            Assert.True(psnr >= 45, $"frame {index}: PSNR {psnr:F1} dB");
            log.WriteLine($"frame {index}: PSNR {psnr:F2} dB");
        }

        // Over a whole period of the still frame, no step from one frame to the next exceeds 6 grey levels: a change
        // of sign is spread over two frames (a one-frame flip of the strongest cells would be 11).
        var previous = embedder.Apply(portrait, 0).Pixels.ToArray();
        var largest = 0;
        for (var index = 1; index < WatermarkCode.Period + 2; index++)
        {
            var current = embedder.Apply(portrait, index).Pixels;
            for (var i = 0; i < current.Length; i++)
            {
                largest = Math.Max(largest, Math.Abs(current[i] - previous[i]));
            }

            current.CopyTo(previous, 0);
        }

        Assert.InRange(largest, 1, 6);
    }

    [Theory]
    [InlineData("astronaut")]
    [InlineData("grace")]
    [InlineData("cartoon")]
    public async Task Render_CarriesThePayload_ThroughCrf28_720p_360p_AMiddleCut_AndVp9(string portrait)
    {
        var image = portrait switch
        {
            "astronaut" => TestPaths.OwnSample("astronaut.png"),
            "grace" => SampleMedia.Portrait,
            _ => SampleMedia.Cartoon,
        };
        var marked = Path.Combine(folder, portrait + ".mp4");
        await RenderSpeechAsync(image, marked, "--min-resolution", "256", "--ai-label", "none");
        var produceId = ProvenanceReader.Read(marked).Aigc!.ProduceId;
        var expected = WatermarkPayload.For("SonicFunctions", produceId);

        var attacks = new (string Name, string[] Arguments)[]
        {
            ("crf28.mp4", ["-c:v", "libx264", "-crf", "28", "-c:a", "copy"]),
            ("720p.mp4", ["-vf", "scale=-2:720", "-c:v", "libx264", "-crf", "23"]),
            ("360p.mp4", ["-vf", "scale=-2:360", "-c:v", "libx264", "-crf", "23"]),
            ("middle.mp4", ["-ss", "3.5", "-t", "3", "-c:v", "libx264", "-crf", "23"]),
            ("vp9.webm", ["-c:v", "libvpx-vp9", "-crf", "40", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "8", "-an"]),
        };
        var reading = await Verifier().VerifyAsync(marked, CancellationToken.None);
        Assert.Equal(expected.ToString("x16", CultureInfo.InvariantCulture), reading.Watermark!.Payload);
        Assert.True(reading.Watermark.MatchesProduceId);
        foreach (var (name, arguments) in attacks)
        {
            var attacked = Path.Combine(folder, portrait + "-" + name);
            MediaTool.Ffmpeg(["-i", marked, .. arguments, attacked]);
            var report = await Verifier().VerifyAsync(attacked, CancellationToken.None);
            var mark = report.Watermark!;
            log.WriteLine($"{portrait} {name}: found {mark.Found}, score {mark.Score}, payload score {mark.PayloadScore}, confidence {mark.Confidence}");
            Assert.True(mark.Found, $"{name}: score {mark.Score}");
            Assert.Equal(expected.ToString("x16", CultureInfo.InvariantCulture), mark.Payload);
            Assert.True(mark.IssuerIsThisService);
            Assert.True(mark.Confidence > 0.9999);
            // The metadata did not survive the re-encode; the watermark is what still names the job.
            Assert.Null(report.Aigc);
        }
    }

    [Fact]
    public async Task HundredVideosWithoutTheMark_AtMostOneFalseDetection()
    {
        var clips = new List<string>();

        // Our own renders with the mark off: whole, cut at four points, re-encoded, scaled, VP9.
        foreach (var (name, image) in new[] { ("astronaut", TestPaths.OwnSample("astronaut.png")), ("grace", SampleMedia.Portrait), ("cartoon", SampleMedia.Cartoon) })
        {
            var bare = Path.Combine(folder, name + "-bare.mp4");
            clips.Add(await RenderSpeechAsync(image, bare, "--min-resolution", "256", "--output-resolution", "360", "--invisible-watermark", "false"));
            foreach (var (suffix, arguments) in new (string, string[])[]
            {
                ("cut0.mp4", ["-t", "3"]), ("cut2.mp4", ["-ss", "2", "-t", "3"]), ("cut4.mp4", ["-ss", "4", "-t", "3"]), ("cut6.mp4", ["-ss", "6", "-t", "3"]),
                ("crf28.mp4", ["-crf", "28"]), ("small.mp4", ["-vf", "scale=-2:240"]), ("vp9.webm", ["-c:v", "libvpx-vp9", "-crf", "40", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "8", "-an"]),
            })
            {
                var clip = Path.Combine(folder, name + "-" + suffix);
                MediaTool.Ffmpeg(["-i", bare, .. arguments, clip]);
                clips.Add(clip);
            }
        }

        // ffmpeg's test sources: still, moving, noisy, at several sizes.
        string[] sources =
        [
            "testsrc", "testsrc2", "smptebars", "smptehdbars", "rgbtestsrc", "yuvtestsrc", "mandelbrot", "life=mold=10:ratio=0.5", "cellauto=rule=110",
            "gradients=speed=0.02", "colorspectrum", "color=c=0x406080",
        ];
        string[] sizes = ["320x240", "640x360", "360x640", "256x256"];
        string[] filters = ["null", "noise=alls=12:allf=t", "hue=H=t", "eq=brightness=0.05*sin(t)"];
        var combinations = (from filter in filters from size in sizes from source in sources select (source, size, filter)).Where((_, i) => i % 2 == 0);
        foreach (var (source, size, filter) in combinations.Take(100 - clips.Count))
        {
            var clip = Path.Combine(folder, FormattableString.Invariant($"source-{clips.Count}.mp4"));
            var input = source + (source.Contains('=', StringComparison.Ordinal) ? ":" : "=") + $"size={size}:rate=25";
            MediaTool.Ffmpeg(["-f", "lavfi", "-i", input, "-t", "3", "-vf", filter + ",format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast", clip]);
            clips.Add(clip);
        }

        var scores = new List<(string Clip, double Score, bool Found)>();
        foreach (var clip in clips)
        {
            var mark = (await Verifier().VerifyAsync(clip, CancellationToken.None)).Watermark!;
            scores.Add((Path.GetFileName(clip), mark.Score, mark.Found));
        }

        var worst = scores.MaxBy(s => s.Score);
        log.WriteLine($"{scores.Count} unmarked clips: {scores.Count(s => s.Found)} detections, highest score {worst.Score} ({worst.Clip}), mean {scores.Average(s => s.Score):F2}, standard deviation {Math.Sqrt(scores.Average(s => s.Score * s.Score) - Math.Pow(scores.Average(s => s.Score), 2)):F2}");
        log.WriteLine(string.Join(", ", scores.Select(s => FormattableString.Invariant($"{s.Clip} {s.Score}"))));
        Assert.Equal(100, scores.Count);
        Assert.True(scores.Count(s => s.Found) <= 1, string.Join(", ", scores.Where(s => s.Found).Select(s => $"{s.Clip} {s.Score}")));
    }

    [Fact]
    public async Task AnotherKey_FindsNothing_InAMarkedVideo()
    {
        var marked = Path.Combine(folder, "keyed.mp4");
        await RenderSpeechAsync(TestPaths.OwnSample("astronaut.png"), marked, "--min-resolution", "256", "--output-resolution", "360");

        var ours = await Verifier().VerifyAsync(marked, CancellationToken.None);
        var theirs = await new ProvenanceVerifier(new WatermarkCode("someone else's key, 32 characters"), Options.Create(new ProvenanceOptions()))
            .VerifyAsync(marked, CancellationToken.None);
        Assert.True(ours.Watermark!.Found);
        Assert.False(theirs.Watermark!.Found, $"score {theirs.Watermark.Score}");
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static ProvenanceVerifier Verifier() => new(Code, Options.Create(new ProvenanceOptions()));
}
