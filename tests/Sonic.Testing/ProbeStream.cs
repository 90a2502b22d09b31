namespace Sonic.Testing;

/// <summary>One stream as ffprobe reports it; numbers ffprobe leaves out are null (or 0 for sizes).</summary>
public sealed record ProbeStream(
    int Index,
    string CodecType,
    string CodecName,
    string? Profile,
    string? CodecTag,
    string? PixelFormat,
    string? FrameRate,
    int Width,
    int Height,
    int SampleRate,
    int Channels,
    double? Duration,
    long? FrameCount,
    long? BitRate,
    string? ColorSpace);
