namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The stage names users see in <see cref="JobProgress.Stage"/> (the status API), in pipeline order.</summary>
public static class JobStageNames
{
    /// <summary>Speaking the job's script (jobs with a recording skip it).</summary>
    public const string Speech = "speech";
    public const string Validate = "validate";
    public const string Preprocess = "preprocess";
    public const string Inference = "inference";
    public const string PostProcess = "postprocess";
    public const string Encode = "encode";
    public const string Publish = "publish";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
