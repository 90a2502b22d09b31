using Sonic.Media.Audio;
using static Sonic.Inference.Animation.Builtin.BuiltinAnimatorModel;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Produces the graph's per-frame <c>audio</c> and <c>controls</c> inputs in order: smoothed audio features,
/// seeded blinks and seeded head motion. State is a few floats, whatever the clip length.
/// </summary>
internal sealed class ControlTrack
{
    private readonly SpeechEnvelope speech;
    private readonly BlinkSchedule blinks;
    private readonly HeadSway head;
    private readonly float dynamicScale;
    private readonly float motionScale;
    private int frame = -1;

    public ControlTrack(AudioFeatures features, int seed, float dynamicScale, float motionScale)
    {
        var random = new SeededRandom(seed);
        speech = new SpeechEnvelope(features);
        blinks = new BlinkSchedule(random);
        head = new HeadSway(random);
        this.dynamicScale = dynamicScale;
        this.motionScale = motionScale;
    }

    public void Next(Span<float> audio, Span<float> controls)
    {
        frame++;
        speech.Next(audio);

        var blink = blinks.Next();
        controls[ControlBlinkRight] = blink;
        controls[ControlBlinkLeft] = blink;

        head.Evaluate(frame / (double)AudioFeatures.FramesPerSecond, speech.Activity, speech.Emphasis, controls.Slice(ControlRoll, 5));
        controls[ControlDynamicScale] = dynamicScale;
        controls[ControlMotionScale] = motionScale;
    }
}
