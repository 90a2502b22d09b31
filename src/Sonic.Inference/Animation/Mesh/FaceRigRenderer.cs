using Sonic.Inference.Faces;
using static Sonic.Inference.Animation.Mesh.RigMath;

namespace Sonic.Inference.Animation.Mesh;

/// <summary>
/// Poses a <see cref="FaceRigMesh"/> and renders it: the jaw, chin and lower lip move down along the face with a
/// smooth fall-off into the cheeks, the upper lip lifts a little, the eyelids close; the opening between the inner
/// lips is painted as a mouth interior (a dark cavity with depth, upper teeth under the upper lip), and nothing dark is
/// drawn outside the inner-lip contour. Host code: a few milliseconds a frame at 512 px. One renderer per stream: it
/// reuses its vertex buffer from frame to frame.
/// </summary>
public sealed class FaceRigRenderer
{
    // At full emphasis the brows rise by this share of the face height.
    private const float BrowRaise = 0.012f;

    private readonly FaceRigMesh mesh;
    private readonly PiecewiseAffineWarp warp;
    private readonly byte[] source;
    private readonly float faceHeight;
    private readonly float centreX;
    private readonly float centreY;
    private readonly float halfWidth;
    private readonly float mouthHalfWidth;
    private readonly float lipY;
    private readonly float[] jawWeight;
    private readonly float[] upperLipWeight;
    private readonly float[] spreadWeight;
    private readonly float[] browWeight;
    private readonly MouthInterior mouth;

    // The posed vertices, rewritten every frame (a renderer serves one stream at a time).
    private readonly PointF2[] posed;

    /// <param name="threads">Threads for the warp (the mouth interior is painted on one).</param>
    public FaceRigRenderer(FaceRigMesh mesh, byte[] sourceRgba, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(sourceRgba);
        this.mesh = mesh;
        warp = new PiecewiseAffineWarp(mesh.Size, mesh.Triangles, threads);
        source = sourceRgba;
        var rest = mesh.Rest;
        var oval = FaceRigMesh.FaceOval.Select(i => rest[i]).ToList();
        faceHeight = oval.Max(p => p.Y) - oval.Min(p => p.Y);
        centreX = oval.Average(p => p.X);
        centreY = oval.Average(p => p.Y);
        halfWidth = (oval.Max(p => p.X) - oval.Min(p => p.X)) / 2;
        mouthHalfWidth = MathF.Abs(rest[FaceRigMesh.UpperInnerLip[^1]].X - rest[FaceRigMesh.UpperInnerLip[0]].X) / 2;
        lipY = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.LowerInnerLip).Average(i => rest[i].Y);

        // How much of the jaw's drop each landmark follows: everything below the lips, fading sideways from the mouth
        // to the face's edge and to nothing at the lip line's height; the lower inner lip follows fully.
        jawWeight = new float[rest.Count];
        upperLipWeight = new float[rest.Count];
        spreadWeight = new float[rest.Count];
        browWeight = new float[rest.Count];
        var browY = FaceRigMesh.Brows.Average(i => rest[i].Y);
        var lidY = FaceRigMesh.Eyelids.Average(e => rest[e.Upper].Y);
        var brows = FaceRigMesh.Brows.ToHashSet();
        posed = new PointF2[rest.Count];
        var lips = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.LowerInnerLip).Concat(FaceRigMesh.UpperLipOuter).Concat(FaceRigMesh.LowerLipOuter).ToHashSet();
        var lowerLip = FaceRigMesh.LowerInnerLip.ToHashSet();
        var upperLip = FaceRigMesh.UpperInnerLip.Concat(FaceRigMesh.UpperLipOuter).ToHashSet();
        for (var i = 0; i < mesh.LandmarkCount; i++)
        {
            // The lower lip, the chin and the jaw below the lip line move together; the cheeks follow less towards
            // the face's sides; the upper lip never follows the jaw (it lifts a little on its own).
            // Near the lips the opening tapers to the corners, which hinge rather than drop (a lens, not a box);
            // further down the jaw moves as one piece.
            var p = rest[i];
            var dx = MathF.Abs(p.X - centreX);
            var lateral = 1 - SmoothStep(mouthHalfWidth * 1.2f, halfWidth * 1.05f, dx);
            var taper = 0.3f + (0.7f * Square(MathF.Cos(MathF.PI / 2 * MathF.Min(1, dx / (mouthHalfWidth * 1.1f)))));
            var nearLips = 1 - SmoothStep(lipY + (0.05f * faceHeight), lipY + (0.16f * faceHeight), p.Y);
            var profile = 1 + ((taper - 1) * nearLips);
            var below = SmoothStep(lipY - (0.005f * faceHeight), lipY + (0.02f * faceHeight), p.Y);
            var onUpperLip = upperLip.Contains(i) && !lowerLip.Contains(i);
            var corner = upperLip.Contains(i) && lowerLip.Contains(i);
            jawWeight[i] = onUpperLip ? 0 : corner ? 0.3f * taper : (lowerLip.Contains(i) ? 1 : below * lateral) * profile;
            upperLipWeight[i] = onUpperLip ? lateral * taper : 0;

            // Spreading and rounding move the lips sideways, most at the corners (signed: the halves move apart), and
            // the cheeks beside the corners follow a little less with distance, so the corner's crease is not smeared.
            var side = Math.Clamp((p.X - centreX) / MathF.Max(1, mouthHalfWidth), -1f, 1f);
            var around = lips.Contains(i)
                ? 1
                : (1 - SmoothStep(mouthHalfWidth, 1.9f * mouthHalfWidth, dx)) * (1 - SmoothStep(0.04f * faceHeight, 0.12f * faceHeight, MathF.Abs(p.Y - lipY)));
            spreadWeight[i] = side * MathF.Abs(side) * around;

            // The brows rise; the skin just above them gathers (the forehead itself stays, as the head's motion is
            // all a viewer should see there), the skin between brow and upper lid stretches, the lids stay.
            var height = brows.Contains(i) ? 1
                : p.Y < browY ? 1 - SmoothStep(browY, browY - (0.06f * faceHeight), p.Y)
                : 1 - SmoothStep(browY, lidY, p.Y);
            browWeight[i] = height * (1 - SmoothStep(0.75f * halfWidth, 0.95f * halfWidth, dx));
        }

        mouth = new MouthInterior(mesh.Size, sourceRgba, rest, faceHeight);
    }

    /// <summary>Whether the mouth interior reuses the portrait's own teeth (it shows them at rest).</summary>
    public bool ReusesSourceTeeth => mouth.ReusesSourceTeeth;

    /// <summary>Renders <paramref name="pose"/> into <paramref name="frame"/> (RGBA, the crop's size).</summary>
    public void Render(FaceRigPose pose, byte[] frame)
    {
        source.CopyTo(frame, 0);
        var rest = mesh.Rest;
        var posed = this.posed;
        var jaw = pose.JawOpen * faceHeight;
        var lift = 0.18f * pose.LipOpen * faceHeight;
        var drop = jaw + (0.5f * pose.LipOpen * faceHeight);
        var spread = 0.15f * pose.Spread * mouthHalfWidth;
        var raise = BrowRaise * pose.Brow * faceHeight;
        for (var i = 0; i < rest.Count; i++)
        {
            var p = rest[i];
            posed[i] = i < mesh.LandmarkCount
                ? new PointF2(p.X + (spreadWeight[i] * spread), p.Y + (jawWeight[i] * drop) - (upperLipWeight[i] * lift) - (browWeight[i] * raise))
                : p;
        }

        // The lids meet a little above the lower lid, as in a real blink: the upper lid slides down (the skin above it
        // following half as far, so it folds rather than stretches) and the lower lid rises a quarter of the way and a
        // little past the landmarks' contour, which sits just inside the visible eye.
        foreach (var (upper, lower, above) in FaceRigMesh.Eyelids)
        {
            var (u, l) = (posed[upper], posed[lower]);
            var meet = new PointF2(u.X + ((l.X - u.X) * 0.75f), u.Y + ((l.Y - u.Y) * 0.75f));
            var (dx, dy) = ((meet.X - u.X) * pose.Blink, (meet.Y - u.Y) * pose.Blink);
            posed[upper] = new PointF2(u.X + dx, u.Y + dy);
            posed[above] = new PointF2(posed[above].X + (0.5f * dx), posed[above].Y + (0.5f * dy));
            posed[lower] = new PointF2(l.X + ((meet.X - l.X) * pose.Blink), l.Y + ((meet.Y - l.Y) * pose.Blink));
        }

        // The head moves as a whole; the fixed ring and border take up the motion, fading it into neck and background.
        if (pose.Roll != 0 || pose.ShiftX != 0 || pose.ShiftY != 0)
        {
            var (cos, sin) = (MathF.Cos(pose.Roll), MathF.Sin(pose.Roll));
            for (var i = 0; i < mesh.LandmarkCount; i++)
            {
                var (x, y) = (posed[i].X - centreX, posed[i].Y - centreY);
                posed[i] = new PointF2(centreX + (x * cos) - (y * sin) + pose.ShiftX, centreY + (x * sin) + (y * cos) + pose.ShiftY);
            }
        }

        warp.Render(source, frame, rest, posed);
        mouth.Paint(frame, posed);
    }

    private static float Square(float x) => x * x;
}
