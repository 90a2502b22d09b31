using Sonic.Orchestration.Rendering;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Tests.Stages;

public sealed class StageCostModelTests
{
    [Fact]
    public void AtStart_StagesInOrder_FractionRisesAndEtaFalls()
    {
        var progress = StageCostModel.Stages.Select(s => StageCostModel.AtStart(s, 250, TimeSpan.Zero, speaks: true)).ToList();

        Assert.Equal(0, progress[0].Fraction);
        Assert.All(progress.Zip(progress.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Fraction > pair.First.Fraction);
            Assert.True(pair.Second.EtaSeconds <= pair.First.EtaSeconds);
        });
        Assert.True(progress[^1].Fraction < 1.0);
        Assert.True(progress[^1].EtaSeconds < progress[0].EtaSeconds / 2);
    }

    [Fact]
    public void AtStart_JobWithARecording_SkipsTheSpeechStage_AndStartsAtZero()
    {
        Assert.Equal(0, StageCostModel.AtStart(JobStageNames.Validate, 250, TimeSpan.Zero).Fraction);
        Assert.True(StageCostModel.AtStart(JobStageNames.Validate, 250, TimeSpan.Zero, speaks: true).Fraction > 0);
        Assert.Throws<ArgumentException>(() => StageCostModel.AtStart(JobStageNames.Speech, 250, TimeSpan.Zero));
    }

    [Fact]
    public void AtStart_LongerClip_PredictsMoreTime()
    {
        var shortClip = StageCostModel.AtStart(JobStageNames.Inference, 50, TimeSpan.Zero);
        var longClip = StageCostModel.AtStart(JobStageNames.Inference, 1500, TimeSpan.Zero);

        Assert.True(longClip.EtaSeconds > 5 * shortClip.EtaSeconds);
    }

    [Fact]
    public void AtStart_JobRunningSlowerThanTheTable_ScalesTheEta()
    {
        var asPredicted = StageCostModel.AtStart(JobStageNames.Inference, 250, TimeSpan.FromSeconds(0.6));
        var threeTimesSlower = StageCostModel.AtStart(JobStageNames.Inference, 250, TimeSpan.FromSeconds(1.8));

        Assert.Equal(asPredicted.Fraction, threeTimesSlower.Fraction);
        Assert.InRange(threeTimesSlower.EtaSeconds!.Value / asPredicted.EtaSeconds!.Value, 2.9, 3.1);
    }
}
