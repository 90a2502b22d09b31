using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed class ValidateJobActivity(ValidateStage stage) : JobActivity<JobRequest, ValidatedJob>
{
    protected override Task<ValidatedJob> RunStageAsync(JobRequest input, CancellationToken cancellationToken)
        => stage.RunAsync(input, cancellationToken);
}
