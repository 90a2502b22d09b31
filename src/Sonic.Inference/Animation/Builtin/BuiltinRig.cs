namespace Sonic.Inference.Animation.Builtin;

/// <summary>The built-in animator's rigs (setting <c>Sonic:Builtin:Rig</c>).</summary>
public enum BuiltinRig
{
    /// <summary>Six landmarks and a warp generated as an ONNX graph.</summary>
    Graph,

    /// <summary>MediaPipe's 468 landmarks, a triangle mesh warped on the host, a painted mouth interior.</summary>
    Mesh,
}
