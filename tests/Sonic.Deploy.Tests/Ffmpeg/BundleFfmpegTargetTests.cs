using Sonic.Deploy.Tests.Infrastructure;
using Sonic.Deploy.Tests.Tooling;
using Sonic.Testing;

namespace Sonic.Deploy.Tests.Ffmpeg;

/// <summary>
/// The publish-time target that puts static ffmpeg/ffprobe into the Functions package, run on a stand-in project whose
/// Publish target does nothing else (publishing the real app would take minutes on two cores).
/// </summary>
public sealed class BundleFfmpegTargetTests
{
    [Fact]
    public async Task Publish_WithBundleTarget_PutsRunnableStaticFfmpegAndFfprobeInThePublishFolder()
    {
        var folder = TestPaths.NewTempFolder("sonic-bundle");
        try
        {
            var publish = Path.Combine(folder, "publish") + Path.DirectorySeparatorChar;
            var project = Path.Combine(folder, "standin.proj");
            await File.WriteAllTextAsync(project, $"""
                <Project>
                  <PropertyGroup><PublishDir>{publish}</PublishDir></PropertyGroup>
                  <Target Name="Publish" />
                  <Import Project="{DeploymentFiles.FfmpegTargets}" />
                </Project>
                """);

            var build = await Command.RunAsync("dotnet", ["msbuild", project, "-t:Publish", "-nologo", "-v:m"], TimeSpan.FromMinutes(3));
            Assert.True(build.ExitCode == 0, build.Describe());

            var tools = Path.Combine(publish, "tools", "ffmpeg");
            var ffmpeg = await Command.RunAsync(Path.Combine(tools, "ffmpeg"), ["-hide_banner", "-encoders"], TimeSpan.FromSeconds(30));
            Assert.True(ffmpeg.ExitCode == 0, ffmpeg.Describe());
            // The pipeline encodes H.264 + AAC.
            Assert.Contains("libx264", ffmpeg.StandardOutput, StringComparison.Ordinal);
            Assert.Contains(" aac ", ffmpeg.StandardOutput, StringComparison.Ordinal);

            var ffprobe = await Command.RunAsync(Path.Combine(tools, "ffprobe"), ["-version"], TimeSpan.FromSeconds(30));
            Assert.True(ffprobe.ExitCode == 0, ffprobe.Describe());
            // Statically linked: runs on the Functions host image without shared libraries from apt.
            Assert.False(HasDynamicLoader(Path.Combine(tools, "ffmpeg")), "ffmpeg needs a dynamic loader");
            Assert.False(HasDynamicLoader(Path.Combine(tools, "ffprobe")), "ffprobe needs a dynamic loader");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Whether a 64-bit little-endian ELF file has a PT_INTERP program header (i.e. is dynamically linked).</summary>
    private static bool HasDynamicLoader(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        Assert.Equal(0x464C457FU, reader.ReadUInt32()); // "\x7FELF"
        reader.BaseStream.Position = 0x20;
        var programHeaders = reader.ReadInt64();
        reader.BaseStream.Position = 0x36;
        var entrySize = reader.ReadUInt16();
        var count = reader.ReadUInt16();
        for (var i = 0; i < count; i++)
        {
            reader.BaseStream.Position = programHeaders + ((long)i * entrySize);
            if (reader.ReadUInt32() == 3)
            {
                return true;
            }
        }

        return false;
    }
}
