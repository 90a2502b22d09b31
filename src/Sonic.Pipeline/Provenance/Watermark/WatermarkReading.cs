namespace Sonic.Pipeline.Provenance.Watermark;

/// <summary>
/// What <see cref="WatermarkDetector"/> read: whether the mark is there, its payload, the confidence (1 − the chance an
/// unmarked video scores as high), the pilot's score and the weakest payload symbol's score (both in decoy standard
/// deviations; about 2.5 on unmarked video).
/// </summary>
public sealed record WatermarkReading(bool Found, ulong? Payload, double Confidence, double Score, double? WeakestSymbolScore)
{
    public static WatermarkReading NotFound(double confidence, double score) => new(false, null, confidence, Math.Round(score, 2), null);
}
