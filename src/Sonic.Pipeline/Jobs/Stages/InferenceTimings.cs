namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Wall-clock seconds of one inference run: reading the inputs from the store, animating and writing the frame
/// archive (one streamed step), and uploading the archive; <see cref="QueuedSeconds"/> is the wait in the inference
/// service's queue before that, added by the caller from the service's status (null when inference ran in process).
/// </summary>
public sealed record InferenceTimings(double ReadInputsSeconds, double AnimateSeconds, double UploadSeconds, double? QueuedSeconds = null);
