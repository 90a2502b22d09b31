using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class WhisperLogMelTests
{
    private static readonly WhisperLogMel Mel = new();

    [Fact]
    public void PowerSpectrogram_ShortSignal_MatchesADirectDftOfReflectPaddedHannFrames()
    {
        var random = new Random(7);
        var samples = new float[1000];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var power = Mel.PowerSpectrogram(samples);

        var frames = 1 + (1000 / 160);
        Assert.Equal(frames * 201, power.Length);
        for (var f = 0; f < frames; f++)
        {
            foreach (var k in new[] { 0, 1, 17, 100, 200 })
            {
                double re = 0, im = 0;
                for (var n = 0; n < 400; n++)
                {
                    // numpy reflect padding by 200: padded[p] = x[200 − p] before, x[2·999 − (p − 200)] after.
                    var p = (f * 160) + n - 200;
                    var x = p < 0 ? samples[-p] : p > 999 ? samples[1998 - p] : samples[p];
                    var w = 0.5 * (1 - Math.Cos(2 * Math.PI * n / 400));
                    re += x * w * Math.Cos(2 * Math.PI * k * n / 400);
                    im -= x * w * Math.Sin(2 * Math.PI * k * n / 400);
                }

                var expected = (re * re) + (im * im);
                Assert.Equal(expected, power[(f * 201) + k], Math.Max(1e-6, expected * 1e-6));
            }
        }
    }

    [Fact]
    public void Compute_Silence_IsMinusOnePointFiveEverywhere()
    {
        // log10(1e-10) = −10 everywhere, the floor is then −18, and (−10 + 4)/4 = −1.5.
        var features = Mel.Compute(new float[16_000]);

        Assert.Equal(80 * 3000, features.Length);
        Assert.All(features, v => Assert.Equal(-1.5f, v));
    }

    [Fact]
    public void Compute_OneSecondTone_PeaksInTheBandAroundItsFrequencyAndFloorsTheRest()
    {
        var tone = new float[16_000];
        for (var i = 0; i < tone.Length; i++)
        {
            tone[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * i / 16_000f);
        }

        var features = Mel.Compute(tone);

        // Frame 50 (0.5 s) is inside the tone: its loudest band's triangle must contain 1 kHz.
        var best = Enumerable.Range(0, 80).MaxBy(m => features[(m * 3000) + 50]);
        var step = SlaneyMelFilterBank.HertzToMel(8000) / 81;
        Assert.InRange(1000.0, SlaneyMelFilterBank.MelToHertz(step * best), SlaneyMelFilterBank.MelToHertz(step * (best + 2)));

        // After the tone the chunk is zero padding: floored at max − 8 (in log10), i.e. max − 2 after scaling.
        var max = features.Max();
        Assert.Equal(max - 2f, features.Min(), 5);
        Assert.Equal(max - 2f, features[(10 * 3000) + 2000], 5);
    }

    [Fact]
    public void SlaneyScale_KnownPoints_AreLinearBelowOneKilohertzAndLogAbove()
    {
        Assert.Equal(15.0, SlaneyMelFilterBank.HertzToMel(1000), 9);
        Assert.Equal(3.0, SlaneyMelFilterBank.HertzToMel(200), 9);
        Assert.Equal(15.0 + (27.0 * Math.Log(4.0) / Math.Log(6.4)), SlaneyMelFilterBank.HertzToMel(4000), 9);
        Assert.Equal(6400.0, SlaneyMelFilterBank.MelToHertz(42.0), 6);
    }

    [Fact]
    public void Create_WhisperFilters_EveryBandIsNonEmptyWithUnitAreaInHertz()
    {
        var filters = SlaneyMelFilterBank.Create(201, 80, 16_000, 0, 8000);

        for (var m = 0; m < 80; m++)
        {
            var row = filters.AsSpan(m * 201, 201).ToArray();
            Assert.True(row.Max() > 0, $"band {m} is empty");

            // Slaney normalisation: area under the triangle (peak · width / 2) is 1 per Hz; bins are 40 Hz apart,
            // so for bands several bins wide the sampled sum approximates 1/40.
            if (m >= 20)
            {
                Assert.Equal(1.0 / 40.0, row.Sum(), 0.1 / 40.0);
            }
        }
    }
}
