namespace Sonic.Inference.Animation.Builtin;

/// <summary>Settings of the built-in animator (configuration section <c>Sonic:Builtin</c>).</summary>
public sealed class BuiltinAnimatorOptions
{
    public const string SectionName = "Sonic:Builtin";

    /// <summary>
    /// Threads for a frame: the graph rig's ONNX Runtime intra-op threads, the mesh rig's warp; 0 means one per core up to 8. The warp is memory-bound, so more threads
    /// than cores only adds contention.
    /// </summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Which rig animates the face: <see cref="BuiltinRig.Mesh"/> (the default: dense landmarks and a mesh warp, with
    /// the graph rig as the fallback for a face whose landmarks cannot be placed) or <see cref="BuiltinRig.Graph"/>
    /// (the generated ONNX warp only).
    /// </summary>
    public BuiltinRig Rig { get; set; } = BuiltinRig.Mesh;

    internal int ResolveThreads() => IntraOpThreads > 0 ? IntraOpThreads : Math.Clamp(Environment.ProcessorCount, 1, 8);
}
