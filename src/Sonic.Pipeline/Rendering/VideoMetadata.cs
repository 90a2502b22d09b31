using Sonic.Inference.Animation;

namespace Sonic.Pipeline.Rendering;

/// <summary>Container metadata written into every MP4: it is marked as AI-generated and names what made it.</summary>
public static class VideoMetadata
{
    public static IReadOnlyDictionary<string, string> For(string title, AnimatorInfo animator)
    {
        ArgumentNullException.ThrowIfNull(animator);
        return new Dictionary<string, string>
        {
            ["title"] = title,
            ["comment"] = $"AI-generated talking-head video. Animator: {animator.Description}.",
            ["ai_generated"] = "true",
            ["encoder_app"] = "SonicFunctions",
        };
    }
}
