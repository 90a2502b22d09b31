using System.Diagnostics;
using System.Text.Json;
using Sonic.Media.Video;
using Sonic.Pipeline.Provenance;
using Sonic.Testing;
using static Sonic.Pipeline.Tests.Cli.CliRunner;

namespace Sonic.Pipeline.Tests.Provenance;

/// <summary>
/// The marks a rendered file carries: the implicit AIGC label (XMP, read by ExifTool as a third party would, and by
/// <c>sonic verify</c>) and the visible AI label (corner, intro, none), measured in decoded frames.
/// </summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-provenance");

    [Fact]
    public async Task Render_WritesTheAigcLabelAsXmp_ThatExifToolAndSonicVerifyRead_WithMoovStillFirst()
    {
        var output = Path.Combine(folder, "labelled.mp4");
        await RenderSpeechAsync(TestPaths.OwnSample("astronaut.png"), output, "--min-resolution", "256", "--output-resolution", "360");

        // ExifTool finds the GB 45438-2025 label and the IPTC digital source type in the MP4's XMP.
        using var tags = JsonDocument.Parse(await ToolOutputAsync("exiftool", "-j", "-G1", "-XMP:all", output));
        var xmp = tags.RootElement[0];
        using var aigc = JsonDocument.Parse(xmp.GetProperty("XMP-TC260:Aigc").GetString()!);
        Assert.Equal("1", aigc.RootElement.GetProperty("Label").GetString());
        Assert.Equal("SonicFunctions", aigc.RootElement.GetProperty("ContentProducer").GetString());
        Assert.StartsWith("cli-", aigc.RootElement.GetProperty("ProduceID").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID", "ReservedCode2"],
            aigc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains(xmp.EnumerateObject(), p => p.Name.EndsWith(":DigitalSourceType", StringComparison.Ordinal) && p.Value.GetString() == AigcMetadata.TrainedAlgorithmicMedia);

        // The box is appended: moov stays before mdat (+faststart), and the file still decodes whole.
        var boxes = Mp4Boxes.TopLevelTypes(output);
        Assert.True(boxes.ToList().IndexOf("moov") < boxes.ToList().IndexOf("mdat"));
        Assert.Equal("uuid", boxes[^1]);
        Assert.InRange((await Ffprobe.ProbeAsync(output)).Format.Duration!.Value, 9, 12);

        var (verifyExit, verifyOut, verifyErr) = await Run("verify", output, "--json");
        Assert.True(verifyExit == 0, verifyErr);
        using var report = JsonDocument.Parse(verifyOut);
        Assert.Equal(aigc.RootElement.GetProperty("ProduceID").GetString(), report.RootElement.GetProperty("aigc").GetProperty("ProduceID").GetString());
        Assert.True(report.RootElement.GetProperty("c2pa").GetProperty("valid").GetBoolean());
        var watermark = report.RootElement.GetProperty("watermark");
        Assert.True(watermark.GetProperty("found").GetBoolean());
        Assert.True(watermark.GetProperty("matches_produce_id").GetBoolean());
        Assert.Matches("^[0-9a-f]{16}$", watermark.GetProperty("payload").GetString());
    }

    [Fact]
    public async Task Verify_AFileWithoutTheLabel_ExitsOne_AndNotAVideo_IsVideoUnreadable()
    {
        var plain = Path.Combine(folder, "plain.mp4");
        await ToolOutputAsync("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", plain);
        var (exit, stdout, _) = await Run("verify", plain);
        Assert.Equal(1, exit);
        Assert.Contains("aigc        none", stdout, StringComparison.Ordinal);
        Assert.Contains("watermark   none", stdout, StringComparison.Ordinal);

        var text = Path.Combine(folder, "notes.mp4");
        await File.WriteAllTextAsync(text, "not a video");
        var (badExit, _, badErr) = await Run("verify", text);
        Assert.Equal(2, badExit);
        Assert.StartsWith("error: video_unreadable:", badErr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mp4Xmp_WrittenTwice_LeavesOneBox_WithTheLastPacket()
    {
        var file = Path.Combine(folder, "twice.mp4");
        await ToolOutputAsync("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=1", "-c:v", "libx264", "-movflags", "+faststart", file);

        Mp4Xmp.Write(file, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">first</x:xmpmeta>");
        var once = new FileInfo(file).Length;
        Mp4Xmp.Write(file, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">again</x:xmpmeta>");

        Assert.Equal(once, new FileInfo(file).Length);
        Assert.Contains("again", Mp4Xmp.Read(file), StringComparison.Ordinal);
        Assert.Single(Mp4Boxes.TopLevelTypes(file), t => t == "uuid");
    }

    [Theory]
    [InlineData("corner")]
    [InlineData("intro")]
    public async Task AiLabel_IsDrawnWhereItBelongs_AndNoneLeavesThePictureAlone(string mode)
    {
        var labelled = Path.Combine(folder, mode + ".mp4");
        var bare = Path.Combine(folder, mode + "-none.mp4");
        foreach (var (label, path) in new[] { (mode, labelled), ("none", bare) })
        {
            await RenderSpeechAsync(
                TestPaths.OwnSample("astronaut.png"), path, "--ai-label", label, "--min-resolution", "256", "--output-resolution", "360", "--calibrate-lipsync", "false");
        }

        var probe = await Ffprobe.ProbeAsync(labelled);
        var (w, h) = (probe.Video.Width, probe.Video.Height);
        foreach (var frame in new[] { 10, 100 })
        {
            var a = await FfmpegDecode.FrameRgbaAsync(labelled, frame, w, h);
            var b = await FfmpegDecode.FrameRgbaAsync(bare, frame, w, h);
            var corner = Changed(a, b, w, 0, 0, w / 3, h / 6);
            var middle = Changed(a, b, w, w / 4, h * 2 / 5, w * 3 / 4, h * 3 / 5);
            var intro = mode == "intro" && frame < 50;
            // Intro: large in the middle for 2 s (the corner stays clear); the corner mark otherwise.
            Assert.True(intro ? middle > 0.03 && corner < 0.005 : corner > 0.02 && middle < 0.005, $"frame {frame}: corner {corner:P1}, middle {middle:P1}");
        }
    }

    public void Dispose() => TestPaths.TryDeleteFolder(folder);

    private static double Changed(byte[] a, byte[] b, int width, int x0, int y0, int x1, int y1)
    {
        var changed = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var i = ((y * width) + x) * 4;
                if (Math.Abs(a[i] - b[i]) + Math.Abs(a[i + 1] - b[i + 1]) + Math.Abs(a[i + 2] - b[i + 2]) > 60)
                {
                    changed++;
                }
            }
        }

        return (double)changed / ((x1 - x0) * (y1 - y0));
    }

    private static async Task<string> ToolOutputAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
