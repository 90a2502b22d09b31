namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The algorithm's constants; the defaults are upstream Sonic's. A manifest may change them for a future model.
/// </summary>
public sealed record SonicConstants
{
    public float ImageGuidance { get; init; } = ThreeBranchGuidance.DefaultImageScale;

    public float AudioGuidance { get; init; } = ThreeBranchGuidance.DefaultAudioScale;

    public int Window { get; init; } = ShiftedWindowSchedule.DefaultWindowLength;

    public int Shift { get; init; } = ShiftedWindowSchedule.DefaultShiftPerStep;

    public float Fps { get; init; } = 12.5f;

    public int DecodeChunk { get; init; } = 8;
}
