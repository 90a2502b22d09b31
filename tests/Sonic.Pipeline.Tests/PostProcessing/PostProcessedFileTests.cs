using Microsoft.Extensions.DependencyInjection;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Tests.EndToEnd;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.PostProcessing.SyntheticClipEncoder;

namespace Sonic.Pipeline.Tests.PostProcessing;

/// <summary>
/// What post-processing leaves in the written MP4, measured by decoding it: the path users get (the smoother's
/// correction folded into the paste-back resize, the watermark drawn on the composited frame, the lip-sync re-mux),
/// not the standalone helpers the unit tests call.
/// </summary>
[Collection(RendererCollection.Name)]
public sealed class PostProcessedFileTests(RendererFixture fixture) : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-postfile");

    private PasteBackEncoder Encoder => fixture.Services.GetRequiredService<PasteBackEncoder>();

    [Fact]
    public async Task EncodeAsync_SmoothMotion_HalvesJitterAndFlickerInTheFile()
    {
        var random = new Random(17);
        var shifts = Enumerable.Range(0, 250).Select(_ => ((random.NextDouble() * 6) - 3, (random.NextDouble() * 6) - 3)).ToArray();
        var gains = Enumerable.Range(0, 250).Select(i => i % 25 == 12 ? 1.15 : 1.0).ToArray();
        var smooth = new PostProcessPlan(CalibrateLipsync: false, SmoothMotion: true, WatermarkText: null, SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);

        var (_, raw, width, height) = await EncodeAsync(Encoder, Folder("raw"), smooth with { SmoothMotion = false }, jitter: i => shifts[i], gain: i => gains[i]);
        var (result, smoothed, _, _) = await EncodeAsync(Encoder, Folder("smoothed"), smooth, jitter: i => shifts[i], gain: i => gains[i]);

        var (jitterBefore, flickerBefore) = JitterAndFlicker(raw, width, height);
        var (jitterAfter, flickerAfter) = JitterAndFlicker(smoothed, width, height);
        Assert.True(jitterBefore > 2, $"the injected jitter should show ({jitterBefore:F2} px)");
        Assert.True(jitterAfter <= jitterBefore / 2, $"jitter {jitterBefore:F2} px → {jitterAfter:F2} px");
        Assert.True(flickerBefore > 2, $"the injected flicker should show ({flickerBefore:F2} grey levels)");
        Assert.True(flickerAfter <= flickerBefore / 2, $"flicker {flickerBefore:F2} → {flickerAfter:F2} grey levels");
        Assert.True(result.Post!.Motion!.MeanShiftPixels > 0.5, "the result should report the corrections it made");
    }

    [Fact]
    public async Task EncodeAsync_WatermarkAndACorrection_TheFileShowsTheMarkAndStaysMarkedAiGenerated()
    {
        const string text = "AI-generated";
        var marked = new PostProcessPlan(CalibrateLipsync: true, SmoothMotion: false, WatermarkText: text, SyntheticTalkingClip.Face, SyntheticTalkingClip.Mouth);
        var (result, output, width, height) = await EncodeAsync(Encoder, Folder("marked"), marked, videoLagFrames: 3);
        var (_, unmarked, _, _) = await EncodeAsync(Encoder, Folder("plain"), marked with { WatermarkText = null }, videoLagFrames: 3);

        // The re-mux that moved the audio kept the container's AI-generated tags.
        Assert.True(result.Post!.LipSync!.Corrected);
        var tags = (await Ffprobe.ProbeAsync(output)).Format.Tags;
        Assert.Equal("true", tags["ai_generated"]);

        // The mark is in the corner the overlay claims, on every frame, and nowhere else.
        var (x, y, w, h) = new WatermarkOverlay(text, width, height).Bounds;
        var corner = Differences(output, unmarked, width, height, x, y, w, h);
        var face = Differences(output, unmarked, width, height, CropAt, CropAt, 100, 100);
        Assert.Equal(SyntheticTalkingClip.Loudness.Count, corner.Count);
        Assert.All(corner, difference => Assert.True(difference > 4, $"the corner changed by only {difference:F1} grey levels"));
        Assert.All(face, difference => Assert.True(difference < 1, $"the face changed by {difference:F1} grey levels"));
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(folder, name)).FullName;

    private static List<double> Differences(string a, string b, int width, int height, int x, int y, int w, int h)
        => [.. FrameMotion.MeanInRegion(a, width, height, x, y, w, h).Zip(FrameMotion.MeanInRegion(b, width, height, x, y, w, h), (p, q) => Math.Abs(p - q))];

    /// <summary>
    /// RMS frame-to-frame movement of the left eye (centroid of its dark pixels) and RMS frame-to-frame change of the
    /// forehead's mean grey, both on the decoded frames.
    /// </summary>
    private static (double Jitter, double Flicker) JitterAndFlicker(string video, int width, int height)
    {
        var (ex, ey) = SyntheticTalkingClip.LeftEye;
        var (cx, cy) = ((int)ex + CropAt, (int)ey + CropAt);
        var eyes = new List<(double X, double Y)>();
        var foreheads = new List<double>();
        foreach (var frame in FrameMotion.GreyFrames(video, width, height))
        {
            double sx = 0, sy = 0, sw = 0;
            for (var row = cy - 14; row <= cy + 14; row++)
            {
                for (var col = cx - 14; col <= cx + 14; col++)
                {
                    // Eye pixels decode to about 46 (limited-range luma); the skin texture never goes below about 66.
                    var darkness = Math.Max(0, 60 - frame[(row * width) + col]);
                    (sx, sy, sw) = (sx + (col * darkness), sy + (row * darkness), sw + darkness);
                }
            }

            eyes.Add((sx / sw, sy / sw));
            double forehead = 0;
            for (var row = CropAt + 56; row < CropAt + 80; row++)
            {
                for (var col = CropAt + 90; col < CropAt + 166; col++)
                {
                    forehead += frame[(row * width) + col];
                }
            }

            foreheads.Add(forehead / (24 * 76));
        }

        var jitter = Math.Sqrt(eyes.Zip(eyes.Skip(1), (a, b) => Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2)).Average());
        var flicker = Math.Sqrt(foreheads.Zip(foreheads.Skip(1), (a, b) => (b - a) * (b - a)).Average());
        return (jitter, flicker);
    }
}
