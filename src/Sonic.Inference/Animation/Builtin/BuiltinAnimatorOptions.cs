namespace Sonic.Inference.Animation.Builtin;

/// <summary>Settings of the built-in animator (configuration section <c>Sonic:Builtin</c>).</summary>
public sealed class BuiltinAnimatorOptions
{
    public const string SectionName = "Sonic:Builtin";

    /// <summary>
    /// ONNX Runtime intra-op threads; 0 means one per core up to 8. The warp is memory-bound, so more threads
    /// than cores only adds contention.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Which rig animates the face: <see cref="BuiltinRig.Graph"/> (the default: the generated ONNX warp) or
    /// <see cref="BuiltinRig.Mesh"/> (dense landmarks and a mesh warp; not yet the default, see issue 14).
    /// </summary>
    public BuiltinRig Rig { get; set; } = BuiltinRig.Graph;

    internal int ResolveThreads() => IntraOpThreads > 0 ? IntraOpThreads : Math.Clamp(Environment.ProcessorCount, 1, 8);
}
