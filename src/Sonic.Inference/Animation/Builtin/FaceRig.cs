using Sonic.Inference.Onnx.Graphs;
using static Sonic.Inference.Animation.Builtin.BuiltinAnimatorModel;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// The deformation terms of the built-in animator, emitted as graph nodes. Every term is a smooth Gaussian or
/// sigmoid falloff around a landmark, sized by the inter-ocular distance (IOD), so it adapts to any face scale.
/// Displacements are backward: an output pixel p shows the source pixel p − d(p).
/// </summary>
internal sealed class FaceRig
{
    // Proportions in IOD units, from average adult faces (mouth width ≈ 0.9 IOD, eye opening ≈ 0.13 IOD).
    // Speech opens the lips by about 0.1 IOD, a shout by 0.25: the drop is 0.17 IOD per unit of drive, capped at 1.4.
    private const float JawDropPerUnit = 0.15f;
    private const float MaxJaw = 1.4f;

    /// <summary>Where the opening's lens profile reaches zero, in IOD from the centre (it is below 0.2 from 0.37 on).</summary>
    private const float MouthHalfWidth = 0.55f;

    /// <summary>Share of the opening taken by the upper lip lifting (the rest is the lower lip and jaw dropping).</summary>
    private const float UpperLipShare = 0.2f;
    private const float JawSigma = 0.75f;
    private const float ChinBelowMouth = 0.85f;
    private const float SpreadPerUnit = 0.09f;
    private const float LidTravel = 0.13f;
    private const float BrowLift = 0.05f;
    private const float InteriorDarkness = 0.72f;

    /// <summary>
    /// Lip step width is the local drop divided by this. Below 4 the step never folds the image, even with the soft
    /// jaw stretch added (≤ 0.25 more slope); near 4 the opening samples only a sliver of source around the lip line.
    /// </summary>
    private const float StepSharpness = 3.2f;

    /// <summary>Half-height of the shaded lens as a share of the local drop: the part of the opening that shows no lip.</summary>
    private const float InteriorHalfHeight = 0.42f;

    private readonly OnnxGraphBuilder b;

    private FaceRig(OnnxGraphBuilder builder) => b = builder;

    private GraphValue MouthX { get; init; }

    private GraphValue MouthY { get; init; }

    private GraphValue RightEyeX { get; init; }

    private GraphValue RightEyeY { get; init; }

    private GraphValue LeftEyeX { get; init; }

    private GraphValue LeftEyeY { get; init; }

    private GraphValue NoseX { get; init; }

    private GraphValue NoseY { get; init; }

    private GraphValue Iod { get; init; }

    /// <summary>Jaw drop in pixels.</summary>
    private GraphValue JawDrop { get; init; }

    /// <summary>Width of the shaded lens' soft edge in pixels.</summary>
    private GraphValue InteriorEdge { get; init; }

    private GraphValue Spread { get; init; }

    private GraphValue Brow { get; init; }

    private GraphValue BlinkRight { get; init; }

    private GraphValue BlinkLeft { get; init; }

    private GraphValue Roll { get; init; }

    private GraphValue Yaw { get; init; }

    private GraphValue Pitch { get; init; }

    private GraphValue ShiftX { get; init; }

    private GraphValue ShiftY { get; init; }

    public static FaceRig Create(OnnxGraphBuilder b, GraphValue landmarks, GraphValue audio, GraphValue controls)
    {
        GraphValue L(int i) => Element(b, landmarks, i);
        GraphValue A(int i) => Element(b, audio, i);
        GraphValue C(int i) => Element(b, controls, i);

        var (rex, rey, lex, ley) = (L(2), L(3), L(4), L(5));
        var eyeDx = lex - rex;
        var eyeDy = ley - rey;
        var iod = b.Node("Max", b.Node("Sqrt", (eyeDx * eyeDx) + (eyeDy * eyeDy)), b.Scalar(4f));

        var (loudness, low, high, onset) = (A(0), A(1), A(2), A(3));
        var dynamic = C(ControlDynamicScale);
        var motion = C(ControlMotionScale);

        // Loudness opens the jaw, onsets add emphasis, sibilants (high band) keep it nearly closed (teeth).
        var open = loudness * (0.9f + (0.45f * onset)) * (1f - (0.5f * high));
        var jaw = Clip(b, dynamic * open, 0f, MaxJaw);
        var jawDrop = jaw * JawDropPerUnit * iod;

        // High band spreads the lips, low band (o/u) rounds them; gated by loudness so silence stays neutral.
        var spread = Clip(b, dynamic * loudness * ((0.8f * high) - (0.7f * low)), -1f, 1f);
        var brow = Clip(b, dynamic * loudness * onset, 0f, 1f);

        return new FaceRig(b)
        {
            MouthX = L(0),
            MouthY = L(1),
            RightEyeX = rex,
            RightEyeY = rey,
            LeftEyeX = lex,
            LeftEyeY = ley,
            NoseX = L(6),
            NoseY = L(7),
            Iod = iod,
            JawDrop = jawDrop,
            InteriorEdge = b.Node("Max", iod * 0.022f, b.Scalar(1f)),
            Spread = spread,
            Brow = brow,
            BlinkRight = Clip(b, C(ControlBlinkRight), 0f, 1f),
            BlinkLeft = Clip(b, C(ControlBlinkLeft), 0f, 1f),
            Roll = motion * C(ControlRoll),
            Yaw = motion * C(ControlYaw) * iod,
            Pitch = motion * C(ControlPitch) * iod,
            ShiftX = motion * C(ControlShiftX) * iod,
            ShiftY = motion * C(ControlShiftY) * iod,
        };
    }

    /// <summary>Source coordinates (pixels) for output pixels (x, y); both broadcastable.</summary>
    public (GraphValue X, GraphValue Y) SourceOf(GraphValue x, GraphValue y, GraphValue width, GraphValue height)
    {
        // Everything fades to zero near the crop edges so the pasted-back crop has a still seam.
        var window = EdgeWindow(x, width) * EdgeWindow(y, height);

        var (headX, headY) = HeadDisplacement(x, y);
        var x1 = x - (headX * window);
        var y1 = y - (headY * window);

        var (faceX, faceY) = FaceDisplacement(x1, y1);
        return (x1 - (faceX * window), y1 - (faceY * window));
    }

    /// <summary>
    /// Per-column terms of the mouth-interior shade, for <see cref="MouthInteriorShade"/>. The shaded region is the
    /// lens that the lip step opens: in each column it spans the local drop, centred where the step puts the lip
    /// line, so its height is the gap's height and it is empty (nothing darkens) while the mouth is closed.
    /// </summary>
    public MouthInteriorColumns MouthInterior(GraphValue columns, GraphValue width, GraphValue height)
    {
        // The mouth moves with the head: shift the lens by the head motion at the mouth (forward ≈ −backward, small).
        var window = EdgeWindow(MouthX, width) * EdgeWindow(MouthY, height);
        var (headX, headY) = HeadDisplacement(MouthX, MouthY);
        var opening = JawDrop * Lens(columns - (headX * window));
        var centre = LipGapCentre(opening) + (headY * window);

        // A narrow opening (small gap, or near the corners) shows less of the dark interior than a wide one.
        var darkness = InteriorDarkness * b.Node("Min", 0.3f + (opening / (Iod * 0.08f)), b.Scalar(1f));

        // shade = clamp(1 − darkness · (halfHeight − |y − centre|) / edge, 1 − darkness(x), 1), rearranged so the
        // full-resolution part is Sub, Abs, Add, Max and Min: |y·k − centre·k| + (1 − k·halfHeight), k = darkness/edge.
        var k = InteriorDarkness / InteriorEdge;
        return new MouthInteriorColumns(centre * k, 1f - (k * opening * InteriorHalfHeight), 1f - darkness, k);
    }

    /// <summary>Multiplier (1 outside the opening, 1 − darkness inside) for rows [n,1] against the columns' terms.</summary>
    public static GraphValue MouthInteriorShade(OnnxGraphBuilder b, MouthInteriorColumns columns, GraphValue rows)
    {
        var ramp = b.Node("Abs", (rows * columns.RowScale) - columns.ScaledCentre) + columns.Offset;
        return b.Node("Min", b.Node("Max", ramp, columns.Floor), b.Scalar(1f));
    }

    private (GraphValue X, GraphValue Y) HeadDisplacement(GraphValue x, GraphValue y)
    {
        // Small rotation about the neck, plus a shift, plus a bump centred on the nose that reads as yaw/nod.
        var pivotX = MouthX;
        var pivotY = MouthY + (Iod * 1.2f);
        var relX = x - pivotX;
        var relY = y - pivotY;
        var cos1 = b.Node("Cos", Roll) - 1f;
        var sin = b.Node("Sin", Roll);
        var bump = b.Node(
            "Exp",
            -(Square((x - NoseX) / Iod) + Square((y - NoseY) / (Iod * 1.2f))));
        var dx = (cos1 * relX) - (sin * relY) + ShiftX + (Yaw * bump);
        var dy = (sin * relX) + (cos1 * relY) + ShiftY + (Pitch * bump);
        return (dx, dy);
    }

    private (GraphValue X, GraphValue Y) FaceDisplacement(GraphValue x, GraphValue y)
    {
        // Lips: a sharp step opens the gap across the mouth (as tall as the local opening, the upper lip lifting a
        // little, the lower lip and jaw dropping the rest); beside the mouth a soft step stretches the cheeks;
        // nothing moves below the chin. Backward displacement: negative moves content up.
        var opening = JawDrop * Lens(x);
        var sharp = b.Node("Sigmoid", (y - LipGapCentre(opening)) * StepSharpness / (opening + (Iod * 0.004f)));
        var lift = opening * UpperLipShare * Gaussian(y, MouthY, Iod * 0.2f);
        var lipDy = (opening * (1f - UpperLipShare) * sharp) - (lift * (1f - sharp));
        var soft = b.Node("Sigmoid", (y - MouthY - (JawDrop * 0.5f)) / (Iod * 0.25f));
        var chin = b.Node("Sigmoid", (MouthY + (Iod * ChinBelowMouth) - y) / (Iod * 0.15f));
        var jawWidth = Gaussian(x, MouthX, Iod * JawSigma);
        var jawDy = chin * (lipDy + (((JawDrop * jawWidth) - (opening * (1f - UpperLipShare))) * soft));

        // Lip corners: an odd profile that peaks one sigma from the centre (content moves outward when spreading).
        var u = (x - MouthX) / (Iod * 0.4f);
        var corners = u * b.Node("Exp", 0.5f - (0.5f * Square(u)));
        var spreadDx = Spread * (SpreadPerUnit * Iod) * corners * Gaussian(y, MouthY, Iod * 0.3f);

        var blinkDy = Eyelid(x, y, RightEyeX, RightEyeY, BlinkRight) + Eyelid(x, y, LeftEyeX, LeftEyeY, BlinkLeft);

        var brows = Gaussian(x, RightEyeX, Iod * 0.4f) + Gaussian(x, LeftEyeX, Iod * 0.4f);
        var browDy = Brow * (-BrowLift) * Iod * brows * Gaussian(y, (RightEyeY + LeftEyeY) * 0.5f - (Iod * 0.35f), Iod * 0.25f);

        return (spreadDx, jawDy + blinkDy + browDy);
    }

    private GraphValue Eyelid(GraphValue x, GraphValue y, GraphValue eyeX, GraphValue eyeY, GraphValue closure)
    {
        // The upper lid slides down over the eye: content from above moves down, ramping in from the brow, and
        // stops sharply at the lower lid (compression only, so no fold).
        var across = Gaussian(x, eyeX, Iod * 0.28f);
        // Rise width 0.035 IOD keeps travel/(4·width) below 1 (no fold) while leaving the brow (≈0.3 IOD up) still.
        var rise = b.Node("Sigmoid", (y - (eyeY - (Iod * 0.13f))) / (Iod * 0.035f));
        var stop = b.Node("Sigmoid", (eyeY + (Iod * 0.06f) - y) / (Iod * 0.012f));
        return closure * (LidTravel * Iod) * across * rise * stop;
    }

    /// <summary>1 inside the crop, easing to 0 at its border over 15 % of the side (smoothstep).</summary>
    private GraphValue EdgeWindow(GraphValue t, GraphValue length)
    {
        var fromEdge = b.Node("Min", t, length - 1f - t);
        var s = Clip(b, fromEdge / (length * 0.15f), 0f, 1f);
        return s * s * (3f - (2f * s));
    }

    /// <summary>Output row where the step shows the lip line: the middle of the opening (lift above, drop below).</summary>
    private GraphValue LipGapCentre(GraphValue opening) => MouthY + (opening * ((1f - (2f * UpperLipShare)) * 0.5f));

    /// <summary>The opening's profile across the mouth: 1 at the centre, 0 at the corners (a smooth lens, like real lips).</summary>
    private GraphValue Lens(GraphValue x)
        => Square(Clip(b, 1f - Square((x - MouthX) / (Iod * MouthHalfWidth)), 0f, 1f));

    private GraphValue Gaussian(GraphValue t, GraphValue centre, GraphValue sigma)
        => b.Node("Exp", -Square((t - centre) / sigma));

    private static GraphValue Square(GraphValue v) => v * v;

    private static GraphValue Clip(OnnxGraphBuilder b, GraphValue v, float min, float max)
        => b.Node("Clip", v, b.Scalar(min), b.Scalar(max));
}
