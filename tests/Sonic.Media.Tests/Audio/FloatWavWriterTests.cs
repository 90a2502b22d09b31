using Sonic.Media.Audio;
using Sonic.Testing;

namespace Sonic.Media.Tests.Audio;

public sealed class FloatWavWriterTests
{
    [Fact]
    public void Write_DecodedSample_RoundTripsExactlyAndFfprobeAgrees()
    {
        var folder = TestPaths.NewTempFolder();
        try
        {
            var source = new AudioDecoder().Decode(SampleMedia.SingingWav, CancellationToken.None);
            var path = Path.Combine(folder, "out.wav");

            FloatWavWriter.Write(path, source);

            var probe = MediaTools.ProbeAudio(path);
            Assert.Equal(("pcm_f32le", 32000, 1), (probe.Codec, probe.SampleRate, probe.Channels));
            Assert.Equal(10.0, probe.DurationSeconds, 3);
            Assert.Equal(source.Samples, new AudioDecoder().Decode(path, CancellationToken.None).Samples);
            Assert.False(File.Exists(path + ".partial"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_SamplesNotWholeFrames_Throws()
        => Assert.Throws<ArgumentException>(() => FloatWavWriter.Write(Path.Combine(Path.GetTempPath(), "x.wav"), new float[3], 16000, 2));
}
