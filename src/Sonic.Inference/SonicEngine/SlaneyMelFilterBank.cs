namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Triangular mel filters on the Slaney scale with Slaney (area) normalisation — the filters Whisper's feature
/// extractor builds (transformers <c>mel_filter_bank(..., norm="slaney", mel_scale="slaney")</c>, same as librosa's
/// default). Row-major [melBands, frequencyBins].
/// </summary>
public static class SlaneyMelFilterBank
{
    private const double LinearHzPerMel = 200.0 / 3.0;
    private const double LogRegionStartHz = 1000.0;
    private const double LogRegionStartMel = LogRegionStartHz / LinearHzPerMel; // 15
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    public static double HertzToMel(double hz)
        => hz < LogRegionStartHz ? hz / LinearHzPerMel : LogRegionStartMel + (Math.Log(hz / LogRegionStartHz) / LogStep);

    public static double MelToHertz(double mel)
        => mel < LogRegionStartMel ? mel * LinearHzPerMel : LogRegionStartHz * Math.Exp(LogStep * (mel - LogRegionStartMel));

    public static float[] Create(int frequencyBins, int melBands, double sampleRate, double minHz, double maxHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyBins, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(melBands, 1);

        // melBands + 2 edge frequencies equally spaced in mel.
        var melMin = HertzToMel(minHz);
        var melMax = HertzToMel(maxHz);
        var edges = new double[melBands + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHertz(melMin + ((melMax - melMin) * i / (melBands + 1)));
        }

        var filters = new float[melBands * frequencyBins];
        for (var m = 0; m < melBands; m++)
        {
            var lower = edges[m];
            var centre = edges[m + 1];
            var upper = edges[m + 2];

            // Slaney normalisation: each triangle has unit area in Hz, so wide high bands are not louder.
            var norm = 2.0 / (upper - lower);
            for (var k = 0; k < frequencyBins; k++)
            {
                var hz = sampleRate / 2.0 * k / (frequencyBins - 1);
                var rising = (hz - lower) / (centre - lower);
                var falling = (upper - hz) / (upper - centre);
                var weight = Math.Max(0.0, Math.Min(rising, falling));
                filters[(m * frequencyBins) + k] = (float)(weight * norm);
            }
        }

        return filters;
    }
}
