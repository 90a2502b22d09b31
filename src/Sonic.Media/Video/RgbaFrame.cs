namespace Sonic.Media.Video;

/// <summary>
/// One video frame as tightly packed RGBA8888 bytes (row-major, no padding). Producers reuse one instance per
/// stream, so a consumer that keeps a frame beyond the next MoveNext must copy it.
/// </summary>
public sealed class RgbaFrame
{
    public RgbaFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 4)];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Index of this frame in its stream (0-based); set by the producer.</summary>
    public int Index { get; set; }

    public byte[] Pixels { get; }
}
