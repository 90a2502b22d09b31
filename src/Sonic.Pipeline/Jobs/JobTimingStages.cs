namespace Sonic.Pipeline.Jobs;

/// <summary>
/// The stage names of <see cref="JobOutcome.Timings"/>, in pipeline order. Validate, preprocess, postprocess and publish
/// are each one activity as the orchestration saw it (dispatch included); inference and encode are split into the
/// parts their own clocks measured, so what no part covers is the orchestration's overhead (polling, dispatch).
/// </summary>
public static class JobTimingStages
{
    /// <summary>Speaking the script (only jobs with one).</summary>
    public const string Speech = "speech";
    public const string Validate = "validate";
    public const string Preprocess = "preprocess";

    /// <summary>Waiting in the inference service's queue (remote inference only).</summary>
    public const string InferenceQueue = "inference_queue";

    /// <summary>The animator making the frames (and writing them to the local frame archive as they come).</summary>
    public const string Inference = "inference";

    /// <summary>Inference reading crop/face/features from storage and uploading <c>frames.mkv</c>.</summary>
    public const string InferenceTransfer = "inference_transfer";

    /// <summary>Planning the paste-back and post-processing (<c>post.json</c>).</summary>
    public const string PostProcess = "postprocess";

    /// <summary>Encode downloading the picture, <c>frames.mkv</c> and <c>audio.wav</c>, and uploading <c>video.mp4</c>.</summary>
    public const string EncodeTransfer = "encode_transfer";

    /// <summary>Decoding <c>frames.mkv</c> back to crops.</summary>
    public const string Decode = "decode";

    /// <summary>Pasting each crop back into the picture.</summary>
    public const string Composite = "composite";

    /// <summary>Post-processing in the frame loop (smoothing, mouth measurement, watermark) and a lip-sync re-mux.</summary>
    public const string Post = "post";

    /// <summary>H.264/AAC encoding by ffmpeg.</summary>
    public const string Encode = "encode";

    public const string Publish = "publish";
}
