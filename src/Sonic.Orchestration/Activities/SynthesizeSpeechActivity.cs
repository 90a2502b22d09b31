using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class SynthesizeSpeechActivity(SynthesizeStage stage) : JobActivity<JobRequest, SpokenScript>
{
    protected override Task<SpokenScript> RunStageAsync(JobRequest input, CancellationToken cancellationToken) => stage.RunAsync(input, cancellationToken);
}
