using Microsoft.DurableTask;
using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Rendering;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration;

public static class RenderTasksRegistryExtensions
{
    /// <summary>
    /// Registers the render orchestrator (function-based) and its activities under <see cref="OrchestrationNames"/>.
    /// Activities are created from the host's container, which needs <c>AddSonicJobStages</c> plus an artifact store
    /// and a video publisher, <c>AddSonicWebhooks</c>, and <c>AddSonicInferenceClient</c> where inference runs in the GPU service.
    /// </summary>
    public static DurableTaskRegistry AddSonicRenderTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        // A lambda, not the method group: the Durable Task analyzers (1.28) crash with AD0001 when a method group's
        // body lives in another file; through a call they follow it into that file correctly.
        registry.AddOrchestratorFunc<JobRequest, JobOutcome>(
            OrchestrationNames.RenderVideo, (context, job) => RenderVideoOrchestration.RunAsync(context, job));
        registry.AddActivity<SynthesizeSpeechActivity>(OrchestrationNames.SynthesizeSpeech);
        registry.AddActivity<ValidateJobActivity>(OrchestrationNames.ValidateJob);
        registry.AddActivity<PreprocessJobActivity>(OrchestrationNames.PreprocessJob);
        registry.AddActivity<RunInferenceActivity>(OrchestrationNames.RunInference);
        registry.AddActivity<GetInferencePlanActivity>(OrchestrationNames.GetInferencePlan);
        registry.AddActivity<SubmitInferenceActivity>(OrchestrationNames.SubmitInference);
        registry.AddActivity<PollInferenceActivity>(OrchestrationNames.PollInference);
        registry.AddActivity<PostProcessJobActivity>(OrchestrationNames.PostProcessJob);
        registry.AddActivity<EncodeVideoActivity>(OrchestrationNames.EncodeVideo);
        registry.AddActivity<PublishVideoActivity>(OrchestrationNames.PublishVideo);
        registry.AddActivity<WriteJobResultActivity>(OrchestrationNames.WriteJobResult);
        registry.AddOrchestratorFunc<WebhookDelivery, WebhookDeliveryLog>(
            OrchestrationNames.DeliverWebhook, (context, delivery) => DeliverWebhookOrchestration.RunAsync(context, delivery));
        registry.AddActivity<SendWebhookActivity>(OrchestrationNames.SendWebhook);
        registry.AddActivity<StartWebhookActivity>(OrchestrationNames.StartWebhook);
        registry.AddOrchestratorFunc<BatchRequest, BatchStatus>(
            OrchestrationNames.RenderBatch, (context, batch) => RenderBatchOrchestration.RunAsync(context, batch));
        registry.AddActivity<WriteBatchResultActivity>(OrchestrationNames.WriteBatchResult);
        registry.AddActivity<PrepareBatchFaceActivity>(OrchestrationNames.PrepareBatchFace);
        return registry;
    }
}
