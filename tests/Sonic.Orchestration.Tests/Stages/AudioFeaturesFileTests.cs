using Sonic.Media.Audio;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class AudioFeaturesFileTests
{
    [Fact]
    public void Serialize_ThenDeserialize_GivesTheSameValues()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 13 * AudioFeatures.Dimension).Select(_ => random.NextSingle()).ToArray();
        var features = new AudioFeatures(13, values);

        var bytes = AudioFeaturesFile.Serialize(features);
        var back = AudioFeaturesFile.Deserialize(bytes);

        Assert.Equal(16 + (values.Length * 4), bytes.Length);
        Assert.Equal(13, back.FrameCount);
        Assert.Equal(values, back.Values);
    }

    [Fact]
    public void Deserialize_TruncatedFile_Throws()
    {
        var bytes = AudioFeaturesFile.Serialize(new AudioFeatures(2, new float[2 * AudioFeatures.Dimension]));

        Assert.Throws<InvalidDataException>(() => AudioFeaturesFile.Deserialize(bytes.AsSpan(0, bytes.Length - 4)));
        Assert.Throws<InvalidDataException>(() => AudioFeaturesFile.Deserialize("RIFF0000"u8));
    }
}
