namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The MP4 in <c>work/{jobId}/video.mp4</c> and what it measures.</summary>
public sealed record EncodedVideo(double DurationSeconds, long SizeBytes, int Width, int Height, int FrameCount);
