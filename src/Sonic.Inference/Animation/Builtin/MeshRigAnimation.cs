using Sonic.Inference.Animation.Mesh;
using Sonic.Inference.Landmarks;
using Sonic.Media.Audio;
using Sonic.Media.Video;
using static Sonic.Inference.Animation.Builtin.BuiltinAnimatorModel;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// The mesh rig over one request: the face's dense landmarks are placed once, then each frame's controls from
/// <see cref="ControlTrack"/> (the smoothed speech envelope, seeded blinks and head sway) become a
/// <see cref="FaceRigPose"/> that <see cref="FaceRigRenderer"/> draws: jaw and lips from the loudness (closed below
/// a gate), lip shape from the spectrum, brows from the onsets. One frame buffer, reused.
/// </summary>
internal static class MeshRigAnimation
{
    // At full loudness the jaw opens by 4 % and the lips by 3.5 % of the face height (times dynamic_scale): a
    // speaking-size opening, a fifth of the mouth's width or so.
    private const float JawGain = 0.04f;
    private const float LipGain = 0.035f;

    public static IEnumerable<RgbaFrame> Frames(
        AnimationRequest request, FaceMesh mesh, IReadOnlyList<(int A, int B, int C)> triangles, int threads, CancellationToken cancellationToken)
    {
        var portrait = request.Portrait;
        var renderer = new FaceRigRenderer(FaceRigMesh.Build(portrait.Size, mesh, triangles), portrait.Rgba, threads);
        var track = new ControlTrack(request.Audio, request.Seed, request.DynamicScale, request.MotionScale);
        var audio = new float[AudioFeatures.Dimension];
        var controls = new float[ControlCount];
        var face = portrait.Face;
        var iod = MathF.Sqrt(((face.LeftEye.X - face.RightEye.X) * (face.LeftEye.X - face.RightEye.X)) + ((face.LeftEye.Y - face.RightEye.Y) * (face.LeftEye.Y - face.RightEye.Y)));
        var frame = new RgbaFrame(portrait.Size, portrait.Size);
        var brow = 0f;
        for (var index = 0; index < request.Audio.FrameCount; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            track.Next(audio, controls);
            // Below a tenth of speech level (breath, room noise, the tail of a release) the lips close fully.
            var loudness = audio[AudioFeatures.Loudness];
            var speech = loudness * RigMath.SmoothStep(0.06f, 0.25f, loudness) * request.DynamicScale;
            var motion = request.MotionScale;

            // The brows rise on stressed syllables (strong onsets) and settle over a few hundred milliseconds.
            var stress = Math.Clamp(1.6f * audio[AudioFeatures.Onset] * request.DynamicScale, 0, 1);
            brow += (stress > brow ? 0.5f : 0.12f) * (stress - brow);

            // Lip shape from the spectrum while speaking: bright, high-band sounds (/i/, /e/, /s/) spread the lips,
            // dark, low-band ones (/u/, /o/) round them.
            var shape = Math.Clamp(2.5f * (audio[AudioFeatures.HighBand] - audio[AudioFeatures.LowBand]), -1, 1) * MathF.Min(1, 2 * audio[AudioFeatures.Loudness]);

            // Yaw and pitch turn the head; on a flat picture they read as small shifts of the face.
            var pose = new FaceRigPose(
                JawOpen: JawGain * speech,
                LipOpen: LipGain * speech,
                Blink: controls[ControlBlinkRight],
                Roll: controls[ControlRoll] * motion,
                ShiftX: (controls[ControlShiftX] + controls[ControlYaw]) * iod * motion,
                ShiftY: (controls[ControlShiftY] + controls[ControlPitch]) * iod * motion,
                Spread: shape,
                Brow: brow);
            renderer.Render(pose, frame.Pixels);
            frame.Index = index;
            yield return frame;
        }
    }
}
