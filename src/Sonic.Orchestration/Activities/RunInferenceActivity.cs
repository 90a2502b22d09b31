using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

/// <summary>In-process for now; issue 5 turns inference into submit + durable-timer polling of the GPU service.</summary>
public sealed class RunInferenceActivity(InferenceStage stage) : JobActivity<JobRequest, InferenceResult>
{
    protected override Task<InferenceResult> RunStageAsync(JobRequest input, CancellationToken cancellationToken)
        => stage.RunAsync(input, cancellationToken);
}
