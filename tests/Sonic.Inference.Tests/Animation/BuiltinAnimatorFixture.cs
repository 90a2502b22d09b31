using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Tests.Animation;

/// <summary>One built-in animator (one ONNX Runtime session) shared by the tests of a class.</summary>
public sealed class BuiltinAnimatorFixture : IDisposable
{
    public BuiltinAnimatorFixture()
        => Animator = new BuiltinAnimator(
            new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance),
            NullLogger<BuiltinAnimator>.Instance);

    public BuiltinAnimator Animator { get; }

    public void Dispose() => Animator.Dispose();
}
