using Sonic.Media.Video;
using Sonic.Testing;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class FrameArchiveTests
{
    [Fact]
    public async Task WriteAll_ThenRead_GivesBackEveryPixelExactly()
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
                Assert.True(expected[i].AsSpan().SequenceEqual(read[i].Pixels), $"frame {i} differs");
            }

            var probe = await Ffprobe.ProbeAsync(path);
            Assert.Equal("ffv1", probe.Video.CodecName);
            Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories).Concat(Directory.GetFiles(folder, ".*")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
