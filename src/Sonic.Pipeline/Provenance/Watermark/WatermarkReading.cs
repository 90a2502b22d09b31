namespace Sonic.Pipeline.Provenance.Watermark;

/// <summary>
/// What <see cref="WatermarkDetector"/> read: whether the mark is there, its payload (null when a byte is too weak to
/// read for sure), the confidence (1 − the share of unmarked videos that score as high), the score and the weakest
/// payload byte's score.
/// </summary>
public sealed record WatermarkReading(bool Found, ulong? Payload, double Confidence, double Score, double? WeakestSymbolScore)
{
    public static WatermarkReading NotFound(double confidence, double score) => new(false, null, confidence, Math.Round(score, 2), null);
}
