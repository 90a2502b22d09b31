using Sonic.Media.Video;

namespace Sonic.Inference.Animation;

/// <summary>
/// Turns a portrait crop and per-frame audio into a lazy stream of crop-sized frames at 25 fps. The stream reuses
/// one <see cref="RgbaFrame"/>: copy it before moving on if you need to keep it. Never holds the whole video.
/// </summary>
public interface IAnimator : IDisposable
{
    AnimatorInfo Info { get; }

    IEnumerable<RgbaFrame> Animate(AnimationRequest request, CancellationToken cancellationToken);
}
