using Sonic.Media.Video;
using Sonic.Testing;

namespace Sonic.Deploy.Tests.Ffmpeg;

public sealed class ExecutableStagingTests
{
    [Fact]
    public async Task EnsureExecutable_ToolWithoutExecuteBit_RunsFromAStagedCopy()
    {
        var folder = TestPaths.NewTempFolder("sonic-staging");
        try
        {
            // A real tool deployed the way a zip deployment may leave it: readable, not executable.
            var original = Path.Combine(folder, "package", "ffprobe");
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(FfmpegEnvironment.EnsureConfigured().FfprobePath, original);
            File.SetUnixFileMode(original, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.False(ExecutableStaging.IsExecutable(original));

            var staged = ExecutableStaging.EnsureExecutable(original, Path.Combine(folder, "staged"));

            Assert.NotEqual(original, staged);
            Assert.True(ExecutableStaging.IsExecutable(staged));
            Assert.False(ExecutableStaging.IsExecutable(original));
            var run = await Tooling.Command.RunAsync(staged, ["-version"], TimeSpan.FromSeconds(30));
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.StartsWith("ffprobe version", run.StandardOutput, StringComparison.Ordinal);
            // A second call reuses the copy.
            Assert.Equal(staged, ExecutableStaging.EnsureExecutable(original, Path.Combine(folder, "staged")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EnsureExecutable_ExecutableTool_IsUsedInPlace()
    {
        var ffmpeg = FfmpegEnvironment.EnsureConfigured().FfmpegPath;
        Assert.Equal(ffmpeg, ExecutableStaging.EnsureExecutable(ffmpeg, Path.Combine(Path.GetTempPath(), "never-used")));
    }
}
