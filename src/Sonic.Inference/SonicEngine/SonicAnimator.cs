using Microsoft.Extensions.Logging;
using Sonic.Inference.Animation;
using Sonic.Inference.Onnx;
using Sonic.Media.Errors;
using Sonic.Media.Video;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The Sonic engine behind <see cref="IAnimator"/>: opens the networks of a verified model folder and streams
/// 25 fps frames. Work in progress (issue 6): the sampling loop lands in the next commits.
/// </summary>
public sealed class SonicAnimator : IAnimator
{
    public const string AnimatorName = "sonic";

    public SonicAnimator(SonicModelReport models, OrtSessionFactory sessions, ILogger<SonicAnimator> logger)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(logger);
        if (!models.IsValid)
        {
            throw new SonicJobException(ErrorCodes.ModelInvalid, models.Summary());
        }

        Info = new AnimatorInfo(AnimatorName, $"Sonic (Tencent/ZJU, CVPR 2025) from {models.Directory}", "CPU", IsSonic: true);
    }

    public AnimatorInfo Info { get; }

    /// <summary>Verifies <paramref name="modelDirectory"/> (model_invalid when it breaks the contract) and opens it.</summary>
    public static SonicAnimator Open(string modelDirectory, OrtSessionFactory sessions, ILogger<SonicAnimator> logger)
        => new(SonicModelVerifier.Verify(modelDirectory), sessions, logger);

    public IEnumerable<RgbaFrame> Animate(AnimationRequest request, CancellationToken cancellationToken)
        => throw new NotSupportedException("The Sonic sampling loop is not built yet.");

    public void Dispose()
    {
    }
}
