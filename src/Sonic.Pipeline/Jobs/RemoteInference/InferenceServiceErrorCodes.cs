namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>
/// Error codes of the inference service and its callers, in the <c>"code: sentence"</c> convention of
/// <see cref="JobError"/>. Bad input found by the stage keeps its own <see cref="Sonic.Media.Errors.ErrorCodes"/> code.
/// </summary>
public static class InferenceServiceErrorCodes
{
    /// <summary>The service could not be reached (or kept failing) for longer than the configured budget.</summary>
    public const string InferenceUnavailable = "inference_unavailable";

    /// <summary>The service ran the job and the animator or ONNX Runtime failed.</summary>
    public const string InferenceFailed = "inference_failed";

    /// <summary>The preprocessed inputs (crop.png, face.json, features.bin) are not in the job's work folder.</summary>
    public const string InputsMissing = "inputs_missing";

    /// <summary>A model name the service does not serve.</summary>
    public const string UnknownModel = "unknown_model";

    /// <summary>The queue is full; try again after Retry-After.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The service has no job with this id (it never had one, or it restarted).</summary>
    public const string UnknownJob = "unknown_job";

    /// <summary>A missing or wrong x-api-key.</summary>
    public const string Unauthorized = "unauthorized";
}
