using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class PreprocessJobActivity(PreprocessStage stage) : JobActivity<JobRequest, PreprocessResult>
{
    protected override Task<PreprocessResult> RunStageAsync(JobRequest input, CancellationToken cancellationToken)
        => stage.RunAsync(input, cancellationToken);
}
