using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Storage;

/// <summary>A real one-second H.264/AAC MP4 (64×64, faststart) made by ffmpeg, to publish and serve.</summary>
public sealed class TinyMp4 : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-storage");

    public TinyMp4()
    {
        Path = System.IO.Path.Combine(folder, "tiny.mp4");
        MediaTool.Ffmpeg(
            "-f", "lavfi", "-i", "testsrc=size=64x64:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000",
            "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            "-movflags", "+faststart", Path);
        Bytes = File.ReadAllBytes(Path);
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
