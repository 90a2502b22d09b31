namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Seeded blink timing: a blink every 2–6 s (people blink ~15–20 times a minute, less while talking), sometimes a
/// double blink, each lasting about 160 ms (fast close, slower open). Advance one frame at a time.
/// </summary>
internal sealed class BlinkSchedule
{
    // Lid closure per frame of a blink at 25 fps: 2 frames closing, 2 opening (~160 ms).
    private static readonly float[] Profile = [0.6f, 1f, 0.55f, 0.18f];

    private readonly SeededRandom random;
    private int nextStart;
    private int frame = -1;
    private int currentStart = int.MinValue;

    public BlinkSchedule(SeededRandom random)
    {
        this.random = random;
        nextStart = Frames(random.Between(0.6, 3.0));
    }

    /// <summary>Moves to the next frame and returns its lid closure in [0, 1].</summary>
    public float Next()
    {
        frame++;
        if (frame == nextStart)
        {
            currentStart = frame;
            var doubleBlink = random.NextDouble() < 0.12;
            nextStart = frame + (doubleBlink ? Frames(0.32) : Frames(random.Between(2.0, 6.0)));
        }

        var offset = frame - currentStart;
        return offset >= 0 && offset < Profile.Length ? Profile[offset] : 0f;
    }

    private static int Frames(double seconds) => (int)Math.Round(seconds * Sonic.Media.Audio.AudioFeatures.FramesPerSecond);
}
