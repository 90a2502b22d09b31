namespace Sonic.Media.Video;

/// <summary>What one encode produced: the final path, its size, the frames written and the wall time ffmpeg ran.</summary>
public sealed record VideoEncodeResult(string OutputPath, long Bytes, int FrameCount, TimeSpan Elapsed);
