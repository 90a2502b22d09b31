namespace Sonic.Inference.Animation.Mesh;

/// <summary>The rig's easing: Hermite smooth step, 0 at <c>edge0</c> to 1 at <c>edge1</c> (either order).</summary>
internal static class RigMath
{
    public static float SmoothStep(float edge0, float edge1, float x)
    {
        var t = Math.Clamp((x - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - (2 * t));
    }
}
