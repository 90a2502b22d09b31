using Sonic.Pipeline.PostProcessing;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The MP4 in <c>work/{jobId}/video.mp4</c>, what it measures, and what post-processing measured and did
/// (null when the video was found from an earlier run or nothing was asked for).</summary>
public sealed record EncodedVideo(double DurationSeconds, long SizeBytes, int Width, int Height, int FrameCount, PostProcessReport? Post = null);
