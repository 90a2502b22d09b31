using Sonic.Orchestration.Inference;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Activities;

/// <summary>
/// GET /v1/jobs/{id}; once the service says succeeded, reads the <c>inference.json</c> it wrote to the store, so
/// the orchestrator gets the same <see cref="InferenceResult"/> as from the in-process activity, with the time the job
/// waited in the service's queue added to its timings (only the service knows it).
/// </summary>
public sealed class PollInferenceActivity(InferenceServiceClient client, IArtifactStore store) : JobActivity<string, InferencePoll>
{
    protected override async Task<InferencePoll> RunStageAsync(string input, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(input, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return new InferencePoll(Known: false);
        }

        InferenceResult? result = null;
        if (status.State == InferenceJobStates.Succeeded)
        {
            result = await store.TryReadJsonAsync<InferenceResult>(new JobArtifacts(input).Inference, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The inference service says job {input} succeeded, but its inference.json is not in the store.");
            if (result.Timings is { } timings && status.QueuedSeconds is { } queued)
            {
                result = result with { Timings = timings with { QueuedSeconds = queued } };
            }
        }

        return new InferencePoll(true, status.State, status.Progress, status.ErrorCode, status.ErrorMessage, result);
    }
}
