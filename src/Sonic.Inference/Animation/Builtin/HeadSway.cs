namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Idle head motion as a sum of slow sinusoids with seeded frequencies and phases per axis (roll, yaw, pitch,
/// shift x/y), a little livelier while speaking and nodding slightly on stressed syllables. Deterministic per seed;
/// amplitudes are before <c>motion_scale</c>, which the graph applies.
/// </summary>
internal sealed class HeadSway
{
    private const int Axes = 5;
    private const int Partials = 3;

    // Peak amplitude per axis: roll in radians (≈2°), the others in inter-ocular distances.
    private static readonly float[] Amplitude = [0.035f, 0.05f, 0.035f, 0.025f, 0.015f];

    private readonly double[] frequency = new double[Axes * Partials];
    private readonly double[] phase = new double[Axes * Partials];
    private readonly double[] weight = new double[Axes * Partials];

    public HeadSway(SeededRandom random)
    {
        for (var i = 0; i < frequency.Length; i++)
        {
            // 0.07–0.45 Hz: slower than speech rhythm, faster than drift.
            frequency[i] = random.Between(0.07, 0.45);
            phase[i] = random.Between(0, 2 * Math.PI);
            weight[i] = random.Between(0.5, 1.0);
        }
    }

    /// <summary>Writes roll, yaw, pitch, shift x, shift y for time <paramref name="seconds"/>.</summary>
    /// <param name="activity">Slow speech activity in [0, 1]: more motion while talking.</param>
    /// <param name="emphasis">Smoothed onset strength in [0, 1]: a small nod on stressed syllables.</param>
    public void Evaluate(double seconds, float activity, float emphasis, Span<float> pose)
    {
        var liveliness = 0.6f + (0.7f * activity);
        for (var axis = 0; axis < Axes; axis++)
        {
            double sum = 0, norm = 0;
            for (var p = 0; p < Partials; p++)
            {
                var i = (axis * Partials) + p;
                sum += weight[i] * Math.Sin((2 * Math.PI * frequency[i] * seconds) + phase[i]);
                norm += weight[i];
            }

            pose[axis] = (float)(sum / norm) * Amplitude[axis] * liveliness;
        }

        // Pitch is axis 2: positive moves the face down, a nod.
        pose[2] += 0.03f * emphasis;
    }
}
