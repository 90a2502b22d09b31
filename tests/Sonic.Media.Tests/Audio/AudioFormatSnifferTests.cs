using Sonic.Media.Audio;

namespace Sonic.Media.Tests.Audio;

public sealed class AudioFormatSnifferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Detect_RandomBytes_IsNotMistakenForMp3OrWav(int seed)
    {
        var bytes = new byte[256 * 1024];
        new Random(seed).NextBytes(bytes);

        Assert.Equal(AudioContainer.Other, AudioFormatSniffer.Detect(new MemoryStream(bytes)));
    }

    [Fact]
    public void Detect_Id3TagWithoutMpegFrames_IsOther()
    {
        // "ID3" v2.4, no flags, tag size 16 (syncsafe), 16 bytes of tag body, then text.
        byte[] tag = [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 16, .. new byte[16]];
        var bytes = tag.Concat("no audio frames follow"u8.ToArray()).ToArray();

        Assert.Equal(AudioContainer.Other, AudioFormatSniffer.Detect(new MemoryStream(bytes)));
    }

    [Fact]
    public void Detect_RiffWithoutWaveForm_IsOther()
        => Assert.Equal(AudioContainer.Other, AudioFormatSniffer.Detect(new MemoryStream("RIFF\0\0\0\0AVI LIST"u8.ToArray())));

    [Fact]
    public void Detect_EmptyStream_IsOther()
        => Assert.Equal(AudioContainer.Other, AudioFormatSniffer.Detect(new MemoryStream()));
}
