using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

/// <summary>Inference in the worker's own process: the path taken when no inference service is configured (Sonic:InferenceService:BaseUrl empty).</summary>
public sealed class RunInferenceActivity(InferenceStage stage) : JobActivity<JobRequest, InferenceResult>
{
    protected override Task<InferenceResult> RunStageAsync(JobRequest input, CancellationToken cancellationToken)
        => stage.RunAsync(input, cancellationToken);
}
