using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// The explicit label China's labelling measures (GB 45438-2025) ask of AI-generated video, and what the EU AI Act's
/// transparency duty reads as a visible disclosure: <c>corner</c> (the default) keeps a small "AI-generated" mark in
/// the top-left corner for the whole video; <c>intro</c> shows it large in the middle for the first
/// <see cref="IntroSeconds"/> and in the corner after; <c>none</c> leaves the picture alone (the file still carries
/// its metadata label). The text follows the job's language (Chinese and Japanese: "AI生成") unless given.
/// </summary>
public static class AiLabels
{
    public const string None = "none";
    public const string Corner = "corner";
    public const string Intro = "intro";
    public const double IntroSeconds = 2.0;
    public const int MaxTextLength = 32;

    public static IReadOnlyList<string> Modes { get; } = [None, Corner, Intro];

    /// <summary>The label's text for a job: its own, else by its language or voice.</summary>
    public static string TextFor(RenderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!string.IsNullOrWhiteSpace(parameters.AiLabelText))
        {
            return parameters.AiLabelText.Trim();
        }

        var language = (parameters.Language ?? parameters.Voice ?? string.Empty).ToLowerInvariant();
        return language.StartsWith("zh", StringComparison.Ordinal) || language.StartsWith("cmn", StringComparison.Ordinal) || language.StartsWith("ja", StringComparison.Ordinal)
            ? "AI生成"
            : "AI-generated";
    }
}
