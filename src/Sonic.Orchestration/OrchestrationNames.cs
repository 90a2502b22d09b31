namespace Sonic.Orchestration;

/// <summary>Names under which the orchestration and activities are registered in every host.</summary>
public static class OrchestrationNames
{
    public const string RenderVideo = "RenderVideo";
    public const string DeliverWebhook = "DeliverWebhook";
    public const string RenderBatch = "RenderBatch";

    public const string SynthesizeSpeech = "SynthesizeSpeech";
    public const string ValidateJob = "ValidateJob";
    public const string PreprocessJob = "PreprocessJob";
    public const string RunInference = "RunInference";
    public const string GetInferencePlan = "GetInferencePlan";
    public const string SubmitInference = "SubmitInference";
    public const string PollInference = "PollInference";
    public const string PostProcessJob = "PostProcessJob";
    public const string EncodeVideo = "EncodeVideo";
    public const string PublishVideo = "PublishVideo";
    public const string WriteJobResult = "WriteJobResult";
    public const string SendWebhook = "SendWebhook";
    public const string StartWebhook = "StartWebhook";
    public const string WriteBatchResult = "WriteBatchResult";
    public const string PrepareBatchFace = "PrepareBatchFace";
}
