using Sonic.Orchestration.Inference;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Orchestration.Activities;

/// <summary>POST /v1/jobs: idempotent on the job id, so a repeated submit (replay, retry, restart) is harmless.</summary>
public sealed class SubmitInferenceActivity(InferenceServiceClient client) : JobActivity<InferenceJobSubmission, InferenceJobStatus>
{
    protected override Task<InferenceJobStatus> RunStageAsync(InferenceJobSubmission input, CancellationToken cancellationToken)
        => client.SubmitAsync(input, cancellationToken);
}
