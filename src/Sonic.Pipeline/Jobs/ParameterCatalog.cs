using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// Every render parameter with its label, type, range or choices and form group — what <c>GET /api/parameters</c>
/// serves, so the studio's form and the server agree. Defaults are read from a fresh <see cref="RenderParameters"/>,
/// and <see cref="RenderParameters.Validate"/> checks the numeric ranges given here, so neither is written twice.
/// Groups: <c>basic</c> and <c>advanced</c> settings, <c>speech</c> (with a script), <c>recording</c> (with a
/// recording), <c>request</c> (set by the request itself: the script, callbacks, correlation ids).
/// </summary>
public static class ParameterCatalog
{
    public static readonly ParameterSpec MinResolution = Number("min_resolution", "Face crop size (px)", "integer", "basic", 256, 2048, 64,
        "Side of the square face crop the model animates; empty: the model's own size.");

    public static readonly ParameterSpec ExpandRatio = Number("expand_ratio", "Expand ratio", "number", "advanced", 0, 1, 0.01,
        "Margin around the face box (upstream Sonic uses 0.5).");

    public static readonly ParameterSpec InferenceSteps = Number("inference_steps", "Inference steps", "integer", "advanced", 1, 100, 1,
        "Sampling steps of the Sonic model (the built-in animator ignores it).");

    public static readonly ParameterSpec DynamicScale = Number("dynamic_scale", "Dynamic scale", "number", "basic", 0.5, 2, 0.05,
        "How much the mouth and expression move.");

    public static readonly ParameterSpec MotionScale = Number("motion_scale", "Motion scale", "number", "basic", 0.5, 2, 0.05,
        "How much the head moves.");

    public static readonly ParameterSpec OutputResolution = Number("output_resolution", "Output size (short side, px)", "integer", "basic", 360, 2160, 1,
        "Short side of the video, never above the portrait's own.");

    public static readonly ParameterSpec Duration = Number("duration", "Expected duration (s)", "number", "advanced", 0.01, null, 0.01,
        "If given, must match the recording within 0.1 s.");

    public static readonly ParameterSpec SpeakingRate = Number("speaking_rate", "Speaking rate", "number", "speech", 0.5, 2, 0.05,
        "A multiple of the voice's normal speed.");

    /// <summary>Language tags both speech providers know (each also takes its own voice names over the API).</summary>
    public static readonly IReadOnlyList<string> LanguageTags = ["en-US", "en-GB", "zh", "es", "fr", "de", "ja"];

    public static IReadOnlyList<ParameterSpec> All { get; } = Build();

    private static List<ParameterSpec> Build()
    {
        var defaults = JsonSerializer.SerializeToNode(new RenderParameters(), ParameterJson.Options)!.AsObject();
        List<ParameterSpec> specs =
        [
            MinResolution,
            DynamicScale,
            MotionScale,
            Number("seed", "Seed", "integer", "basic", int.MinValue, int.MaxValue, 1, "The same seed gives the same video."),
            OutputResolution,
            Text("file_name", "Download name", "basic", "Name of the MP4 (without .mp4); empty: the portrait's name.", Publishing.DownloadFileName.MaxLength),
            Choice("model", "Animator", "basic", ["sonic", "builtin"], "sonic needs the model weights on the server; empty: the server's default."),
            Choice("captions", "Captions", "basic", [RenderParameters.CaptionsNone, RenderParameters.CaptionsSidecar, RenderParameters.CaptionsBurn],
                "sidecar: WebVTT and SRT files; burn: drawn into the picture; empty: sidecar with a script or transcript."),
            Choice("ai_label", "AI label", "basic", Provenance.AiLabels.Modes,
                "corner: a small AI-generated mark for the whole video; intro: large for the first 2 s, then the corner; none: no visible mark."),
            Text("ai_label_text", "AI label text", "advanced", "Empty: AI-generated (AI生成 for Chinese and Japanese).", Provenance.AiLabels.MaxTextLength),
            Flag("invisible_watermark", "Invisible watermark", "A keyed mark in the picture that sonic verify finds after re-encoding, scaling and cutting."),
            Choice("voice", "Voice", "speech", LanguageTags, "A language tag picks its default voice."),
            Choice("language", "Language", "speech", LanguageTags, "The script's language, when no voice is chosen."),
            SpeakingRate,
            Text("transcript", "Transcript (optional)", "recording", "What the recording says, for captions timed to the speech.", RenderParameters.MaxScriptLength),
            ExpandRatio,
            InferenceSteps,
            Flag("trim_silence", "Trim silence", "Cut silence at the start and end of the speech."),
            Flag("calibrate_lipsync", "Calibrate lip-sync", "Measure and correct the audio/video offset."),
            Flag("smooth_motion", "Smooth motion", "Remove small head jitter and flicker."),
            Choice("audio_codec", "Audio codec", "advanced", ["aac", "mp3"], "AAC plays everywhere."),
            Text("watermark_text", "Watermark", "advanced", "Visible text in the bottom-right corner.", RenderParameters.MaxWatermarkLength),
            Duration,
            Flag("strict_resolution", "Strict resolution", "Refuse a crop size the model cannot render instead of using the nearest."),
            Flag("upstream_numerics", "Upstream numerics", "Sonic only: compute exactly as upstream Sonic does, for comparisons."),
            Text("script", "Script", "request", "Text to speak instead of a recording.", RenderParameters.MaxScriptLength),
            Text("callback_url", "Callback URL", "request", "Where the signed webhook goes.", RenderParameters.MaxCallbackUrlLength),
            Text("correlation_id", "Correlation id", "request", "Your own id for the job.", RenderParameters.MaxCorrelationIdLength),
        ];
        return specs.Select(s => s with { Default = defaults[s.Name]?.DeepClone() }).ToList();
    }

    private static ParameterSpec Number(string name, string label, string type, string group, double min, double? max, double step, string help) =>
        new(name, label, type, group, help) { Min = min, Max = max, Step = step };

    private static ParameterSpec Flag(string name, string label, string help) => new(name, label, "boolean", "advanced", help);

    private static ParameterSpec Choice(string name, string label, string group, IReadOnlyList<string> choices, string help) =>
        new(name, label, "text", group, help) { Choices = choices };

    private static ParameterSpec Text(string name, string label, string group, string help, int maxLength) =>
        new(name, label, "text", group, help) { MaxLength = maxLength };
}
