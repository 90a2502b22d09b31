using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class JobArtifactsTests
{
    [Fact]
    public void Names_SameJobId_AreTheSameWorkBlobsEveryTime()
    {
        var a = new JobArtifacts("up-leo-0123");
        var b = new JobArtifacts("up-leo-0123");

        Assert.Equal(new ArtifactRef(ContainerNames.Work, "up-leo-0123/audio.wav"), a.AudioWav);
        Assert.Equal(new ArtifactRef(ContainerNames.Work, "up-leo-0123/frames.mkv"), a.Frames);
        Assert.Equal(new ArtifactRef(ContainerNames.Work, "up-leo-0123/video.mp4"), a.Video);
        Assert.Equal(a, b);
        Assert.Equal(a.Features, b.Features);
    }

    [Fact]
    public void Names_AllArtifactsOfAJob_AreDistinctAndInsideItsFolder()
    {
        var artifacts = new JobArtifacts("job-1");
        ArtifactRef[] all =
        [
            artifacts.AudioWav, artifacts.Audio16k, artifacts.Features, artifacts.Crop, artifacts.Face,
            artifacts.Preprocess, artifacts.Frames, artifacts.Inference, artifacts.Post, artifacts.Video,
        ];

        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, a =>
        {
            Assert.Equal(ContainerNames.Work, a.Container);
            Assert.StartsWith("job-1/", a.Name, StringComparison.Ordinal);
            ArtifactNames.Validate(a);
        });
    }
}
