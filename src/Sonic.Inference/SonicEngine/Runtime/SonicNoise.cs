namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// Standard normal noise from a seed (Box–Muller over <see cref="Random"/>, whose seeded sequence is stable across
/// .NET versions): the same seed gives the same video. It cannot match torch's generator bit for bit, so a seed
/// reproduces our videos, not upstream's.
/// </summary>
public static class SonicNoise
{
    public static void Fill(int seed, Span<float> destination)
    {
        var random = new Random(seed);
        for (var i = 0; i < destination.Length; i += 2)
        {
            // 1 − U keeps the logarithm's argument in (0, 1].
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var angle = 2.0 * Math.PI * random.NextDouble();
            destination[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = (float)(radius * Math.Sin(angle));
            }
        }
    }
}
