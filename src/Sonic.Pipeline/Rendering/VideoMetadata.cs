using Sonic.Inference.Animation;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// Container metadata for one job: the encoder's AI-generated marks, plus the title and which animator made the
/// frames (so a file from the built-in fallback can never pass for Sonic).
/// </summary>
public static class VideoMetadata
{
    public static IReadOnlyDictionary<string, string> For(string title, AnimatorInfo animator)
    {
        ArgumentNullException.ThrowIfNull(animator);
        var tags = new Dictionary<string, string>(VideoEncodeSettings.AiGeneratedMetadata)
        {
            ["title"] = title,
            ["animator"] = $"{animator.Name}: {animator.Description}",
        };
        tags["comment"] = $"{tags["comment"]}; animator: {animator.Description}";
        return tags;
    }
}
