namespace Sonic.Media.Video;

/// <summary>Full paths of the ffmpeg and ffprobe executables in use.</summary>
public sealed record FfmpegTools(string FfmpegPath, string FfprobePath);
