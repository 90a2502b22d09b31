namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>One stage's comparison: its verdict, the largest absolute difference and the tolerance it had.</summary>
public sealed record SonicParityRow(string Stage, SonicParityVerdict Verdict, double? MaxAbsDiff, double Tolerance, string Detail = "");

public enum SonicParityVerdict
{
    Ok,

    /// <summary>Differs by more than the tolerance, or in shape, or this engine did not produce the stage.</summary>
    Off,

    /// <summary>Compared and reported, but asked not to stop the run (e.g. the crop when the dump's crop is used).</summary>
    Skipped,

    /// <summary>After the first stage that is off: not compared.</summary>
    NotCompared,
}
