namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// One measurement of the audio/video offset: <see cref="OffsetSeconds"/> &gt; 0 means the mouth moves after the
/// sound (video late), &lt; 0 before it; null when there is no speech or no mouth motion to compare.
/// <see cref="Correlation"/> is the normalised correlation at the best lag (−1..1).
/// </summary>
public sealed record LipSyncEstimate(double? OffsetSeconds, double Correlation);
