using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The MP4 in <c>work/{jobId}/video.mp4</c>, what it measures, and what post-processing measured and did
/// (null when the video was found from an earlier run or nothing was asked for), and where this run's time went
/// (<see cref="Jobs.JobTimingStages"/> transfer, decode, composite, post, encode; null when the video was found).</summary>
public sealed record EncodedVideo(
    double DurationSeconds, long SizeBytes, int Width, int Height, int FrameCount, PostProcessReport? Post = null, IReadOnlyList<StageTiming>? Timings = null);
