using Sonic.Pipeline.Compositing;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>post.json</c>: how frames become the video: the paste-back layout (output size, crop placement, feather) for
/// the requested <see cref="OutputResolution"/>, and the number of frames. Issue 7 adds the lip-sync offset and
/// motion smoothing here; Encode follows this plan only.
/// </summary>
public sealed record PastePlan(PasteBackLayout Layout, int OutputResolution, int FrameCount);
