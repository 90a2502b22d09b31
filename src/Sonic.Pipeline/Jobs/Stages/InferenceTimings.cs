namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Wall-clock seconds of one inference run: reading the inputs from the store, animating and writing the frame
/// archive (one streamed step), and uploading the archive.
/// </summary>
public sealed record InferenceTimings(double ReadInputsSeconds, double AnimateSeconds, double UploadSeconds);
