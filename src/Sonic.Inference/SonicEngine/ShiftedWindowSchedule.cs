namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Sonic's time-aware shifted windows: at step i the N frames are cut into ⌈N/window⌉ windows starting at
/// window·k − shift·i, with frame indices taken modulo N (positive modulo). Windows may wrap round the clip and,
/// when N &lt; window, repeat frames; every frame is covered at least once and the stepped latents are averaged
/// over their coverage. Upstream: Sonic <c>pipeline_sonic.py</c> (shift_offset / overlap loop).
/// </summary>
public sealed record ShiftedWindowSchedule(int FrameCount, int WindowLength = ShiftedWindowSchedule.DefaultWindowLength, int ShiftPerStep = ShiftedWindowSchedule.DefaultShiftPerStep)
{
    public const int DefaultWindowLength = 25;
    public const int DefaultShiftPerStep = 7;

    public int WindowsPerStep => (FrameCount + WindowLength - 1) / WindowLength;

    /// <summary>The frame indices of window <paramref name="window"/> at sampler step <paramref name="step"/>.</summary>
    public int[] Window(int step, int window)
    {
        var frames = new int[WindowLength];
        FillWindow(step, window, frames);
        return frames;
    }

    public void FillWindow(int step, int window, Span<int> frames)
    {
        if (FrameCount < 1)
        {
            throw new InvalidOperationException("The schedule needs at least one frame.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, WindowsPerStep);
        var start = ((long)WindowLength * window) - ((long)ShiftPerStep * step);
        for (var j = 0; j < WindowLength; j++)
        {
            frames[j] = PositiveModulo(start + j, FrameCount);
        }
    }

    /// <summary>How many times each frame is covered by the windows of <paramref name="step"/> (the averaging divisor).</summary>
    public int[] Coverage(int step)
    {
        var counts = new int[FrameCount];
        var frames = new int[WindowLength];
        for (var w = 0; w < WindowsPerStep; w++)
        {
            FillWindow(step, w, frames);
            foreach (var f in frames)
            {
                counts[f]++;
            }
        }

        return counts;
    }

    public static int PositiveModulo(long value, int modulus)
    {
        var r = value % modulus;
        return (int)(r < 0 ? r + modulus : r);
    }
}
