using Sonic.Media.Video;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class FrameArchiveTests
{
    [Fact]
    public async Task WriteAll_ThenRead_GivesBackEveryFrameVisuallyLossless()
    {
        var folder = TestPaths.NewTempFolder("sonic-archive");
        try
        {
            var path = Path.Combine(folder, "frames.mkv");
            var written = await FrameArchive.WriteAllAsync(SyntheticFrames.MovingGradient(96, 64, 12), path, 96, 64, CancellationToken.None);

            var expected = SyntheticFrames.MovingGradient(96, 64, 12).Select(f => f.Pixels.ToArray()).ToList();
            var read = FrameArchiveReader.Read(path, 96, 64, CancellationToken.None).Select(f => (f.Index, Pixels: f.Pixels.ToArray())).ToList();

            Assert.Equal(12, written);
            Assert.Equal(12, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Equal(i, read[i].Index);
                var (meanError, maxError) = Difference(expected[i], read[i].Pixels);
                Assert.True(meanError < 1.0 && maxError <= 12, $"frame {i}: mean error {meanError:F2}, max {maxError}");
            }

            var probe = await Ffprobe.ProbeAsync(path);
            Assert.Equal("h264", probe.Video.CodecName);
            Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories).Concat(Directory.GetFiles(folder, ".*")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Mean and largest absolute difference over the colour channels; alpha must come back 255.</summary>
    private static (double Mean, int Max) Difference(byte[] expected, byte[] actual)
    {
        long sum = 0;
        var max = 0;
        for (var p = 0; p < expected.Length; p += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                var d = Math.Abs(expected[p + c] - actual[p + c]);
                sum += d;
                max = Math.Max(max, d);
            }

            Assert.Equal(255, actual[p + 3]);
        }

        return (sum / (expected.Length * 0.75), max);
    }

    [Fact]
    public async Task Writer_DisposedBeforeComplete_LeavesNoFile()
    {
        var folder = TestPaths.NewTempFolder("sonic-archive");
        try
        {
            var path = Path.Combine(folder, "frames.mkv");
            await using (var writer = FrameArchiveWriter.Create(path, 32, 32))
            {
                await writer.WriteAsync(SyntheticFrames.Solid(32, 32, 10, 20, 30), CancellationToken.None);
            }

            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Read_FileThatIsNoVideo_ThrowsMediaToolExceptionWithStderr()
    {
        var folder = TestPaths.NewTempFolder("sonic-archive");
        try
        {
            var path = Path.Combine(folder, "frames.mkv");
            File.WriteAllText(path, "not a video");

            var error = Assert.Throws<MediaToolException>(() => FrameArchiveReader.Read(path, 32, 32, CancellationToken.None).Count());

            Assert.NotEqual(0, error.ExitCode);
            Assert.False(string.IsNullOrWhiteSpace(error.StandardError));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
