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
    private const float JawDropPerUnit = 0.24f;
    private const float LipSigma = 0.36f;
    private const float JawSigma = 0.75f;
    private const float ChinBelowMouth = 0.85f;
    private const float SpreadPerUnit = 0.09f;
    private const float LidTravel = 0.13f;
    private const float BrowLift = 0.05f;
    private const float InteriorDarkness = 0.85f;

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

    /// <summary>Softness of the lip step in pixels; never sharper than a third of the drop, so the warp cannot fold.</summary>
    private GraphValue LipStep { get; init; }

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
        var jaw = Clip(b, dynamic * open, 0f, 1.6f);
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
            LipStep = b.Node("Max", jawDrop / 3f, iod * 0.012f),
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
    /// Column and row profiles whose outer product is the darkening of the lip gap: centred where the lip step
    /// stretches the image, as deep as the jaw is open.
    /// </summary>
    public (GraphValue Columns, GraphValue Rows) MouthInteriorProfiles(
        GraphValue columns, GraphValue rows, GraphValue width, GraphValue height)
    {
        var gapY = MouthY + (JawDrop * 0.5f);

        // The mouth moves with the head: centre the mask where the head motion puts the gap.
        var (headX, headY) = HeadDisplacement(MouthX, gapY);
        var window = EdgeWindow(MouthX, width) * EdgeWindow(gapY, height);
        var centreX = MouthX + (headX * window);
        var centreY = gapY + (headY * window);

        var columnProfile = Gaussian(columns, centreX, Iod * (LipSigma * 0.72f));
        var step = b.Node("Sigmoid", (rows - centreY) / LipStep);
        var strength = InteriorDarkness * b.Node("Min", JawDrop / (LipStep * 3f), b.Scalar(1f));
        // Flat-topped across the stretched band (|y − centre| < 1.3 step widths), fading outside it.
        var rowProfile = b.Node("Min", step * (1f - step) * 6f, b.Scalar(1f)) * strength;
        return (columnProfile, rowProfile);
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
        // Jaw: inside the lips a sharp step (the gap opens), outside a soft one (cheeks stretch), nothing below the chin.
        var gapY = MouthY + (JawDrop * 0.5f);
        var sharp = b.Node("Sigmoid", (y - gapY) / LipStep);
        var soft = b.Node("Sigmoid", (y - gapY) / (Iod * 0.25f));
        var chin = b.Node("Sigmoid", (MouthY + (Iod * ChinBelowMouth) - y) / (Iod * 0.15f));
        var lips = Gaussian(x, MouthX, Iod * LipSigma);
        var jawWidth = Gaussian(x, MouthX, Iod * JawSigma);
        var jawDy = JawDrop * chin * ((jawWidth * soft) + (lips * (sharp - soft)));

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

    private GraphValue Gaussian(GraphValue t, GraphValue centre, GraphValue sigma)
        => b.Node("Exp", -Square((t - centre) / sigma));

    private static GraphValue Square(GraphValue v) => v * v;

    private static GraphValue Clip(OnnxGraphBuilder b, GraphValue v, float min, float max)
        => b.Node("Clip", v, b.Scalar(min), b.Scalar(max));
}
