using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>post.json</c>: how frames become the video: the paste-back layout (output size, crop placement, feather) for
/// the requested <see cref="OutputResolution"/>, the number of frames, and the post-processing to run in the same
/// frame loop (<see cref="Post"/>; null in plans written before it existed). Encode follows this plan only.
/// </summary>
public sealed record PastePlan(PasteBackLayout Layout, int OutputResolution, int FrameCount, PostProcessPlan? Post = null);
