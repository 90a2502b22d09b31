using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Tests.Animation;

/// <summary>
/// One built-in animator with the graph rig (one ONNX Runtime session) shared by the tests of a class: the rig that
/// animates a face whose dense landmarks cannot be placed.
/// </summary>
public sealed class BuiltinAnimatorFixture : IDisposable
{
    public BuiltinAnimatorFixture()
        => Animator = new BuiltinAnimator(
            new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance),
            NullLogger<BuiltinAnimator>.Instance,
            new BuiltinAnimatorOptions { Rig = BuiltinRig.Graph });

    public BuiltinAnimator Animator { get; }

    public void Dispose() => Animator.Dispose();
}
