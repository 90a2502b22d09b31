using Microsoft.Azure.Functions.Worker;
using Sonic.Orchestration;
using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Inference;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;

namespace Sonic.Functions.Rendering;

/// <summary>
/// The render activities under the names the orchestration calls. Each one is the shared activity's
/// <see cref="JobActivity{TInput, TOutput}.ExecuteAsync"/> — the body the self-hosted worker runs too.
/// </summary>
public sealed class RenderActivityFunctions(
    SynthesizeSpeechActivity synthesize,
    ValidateJobActivity validate,
    PreprocessJobActivity preprocess,
    RunInferenceActivity inference,
    GetInferencePlanActivity inferencePlan,
    SubmitInferenceActivity submitInference,
    PollInferenceActivity pollInference,
    PostProcessJobActivity postProcess,
    EncodeVideoActivity encode,
    PublishVideoActivity publish,
    WriteJobResultActivity writeResult)
{
    [Function(OrchestrationNames.SynthesizeSpeech)]
    public Task<SpokenScript> SynthesizeSpeechAsync([ActivityTrigger] JobRequest input, CancellationToken cancellationToken)
        => synthesize.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.ValidateJob)]
    public Task<ValidatedJob> ValidateJobAsync([ActivityTrigger] JobRequest input, CancellationToken cancellationToken)
        => validate.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.PreprocessJob)]
    public Task<PreprocessResult> PreprocessJobAsync([ActivityTrigger] JobRequest input, CancellationToken cancellationToken)
        => preprocess.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.RunInference)]
    public Task<InferenceResult> RunInferenceAsync([ActivityTrigger] JobRequest input, CancellationToken cancellationToken)
        => inference.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.GetInferencePlan)]
    public Task<InferencePlan> GetInferencePlanAsync([ActivityTrigger] string input) => Task.FromResult(inferencePlan.Plan());

    [Function(OrchestrationNames.SubmitInference)]
    public Task<InferenceJobStatus> SubmitInferenceAsync([ActivityTrigger] InferenceJobSubmission input, CancellationToken cancellationToken)
        => submitInference.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.PollInference)]
    public Task<InferencePoll> PollInferenceAsync([ActivityTrigger] string input, CancellationToken cancellationToken)
        => pollInference.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.PostProcessJob)]
    public Task<PastePlan> PostProcessJobAsync([ActivityTrigger] PostProcessInput input, CancellationToken cancellationToken)
        => postProcess.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.EncodeVideo)]
    public Task<EncodedVideo> EncodeVideoAsync([ActivityTrigger] EncodeInput input, CancellationToken cancellationToken)
        => encode.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.PublishVideo)]
    public Task<PublishedVideo> PublishVideoAsync([ActivityTrigger] PublishInput input, CancellationToken cancellationToken)
        => publish.ExecuteAsync(input, cancellationToken);

    [Function(OrchestrationNames.WriteJobResult)]
    public Task<string> WriteJobResultAsync([ActivityTrigger] JobResultInput input, CancellationToken cancellationToken)
        => writeResult.ExecuteAsync(input, cancellationToken);
}
