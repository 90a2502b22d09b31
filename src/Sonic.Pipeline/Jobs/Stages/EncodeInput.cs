namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The encode stage's input: the job, the download title (container metadata) and what inference made.</summary>
public sealed record EncodeInput(JobRequest Job, string FileName, InferenceResult Inference);
