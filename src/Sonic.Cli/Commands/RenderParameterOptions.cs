using System.CommandLine;
using Sonic.Pipeline.Jobs;

namespace Sonic.Cli.Commands;

/// <summary>
/// One kebab-case option per render parameter (ARCHITECTURE.md's table). Defaults are not repeated here: an option
/// the user leaves out keeps the value from <c>--params</c> or from <see cref="RenderParameters"/> itself.
/// </summary>
internal sealed class RenderParameterOptions
{
    public Option<double> Duration { get; } = new("--duration") { Description = "Expected audio length in seconds; must match within 0.1 s." };

    public Option<int> MinResolution { get; } = new("--min-resolution") { Description = "Short side of the face crop fed to the model (256–2048, step 64; default: the Sonic model's native size, 1024 for the built-in animator)." };

    public Option<double> ExpandRatio { get; } = new("--expand-ratio") { Description = "Margin around the face box (0–1; default 0.18)." };

    public Option<int> InferenceSteps { get; } = new("--inference-steps") { Description = "Sampler steps for Sonic (1–100; default 25)." };

    public Option<double> DynamicScale { get; } = new("--dynamic-scale") { Description = "Mouth/expression amplitude (0.5–2; default 1.1)." };

    public Option<double> MotionScale { get; } = new("--motion-scale") { Description = "Head-motion amplitude (0.5–2; default 1.05)." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Noise seed; the same seed gives the same video (default 72589)." };

    public Option<bool> CalibrateLipsync { get; } = new("--calibrate-lipsync") { Description = "Measure the audio/video offset and correct it when above 30 ms (default true)." };

    public Option<bool> SmoothMotion { get; } = new("--smooth-motion") { Description = "Remove head jitter and brightness flicker (default true)." };

    public Option<string> AiLabel { get; } = new("--ai-label") { Description = "The visible AI label: corner (default), intro (large for the first 2 s, then the corner) or none." };

    public Option<string> AiLabelText { get; } = new("--ai-label-text") { Description = "The AI label's text (default: AI-generated, or AI生成 for Chinese and Japanese)." };

    public Option<bool> InvisibleWatermark { get; } = new("--invisible-watermark") { Description = "The keyed invisible watermark that sonic verify reads back after re-encoding (default true)." };

    public Option<string> WatermarkText { get; } = new("--watermark-text") { Description = "Visible semi-transparent text in the bottom-right corner (at most 64 characters; default none)." };

    public Option<bool> TrimSilence { get; } = new("--trim-silence") { Description = "Cut leading/trailing silence (default true)." };

    public Option<int> OutputResolution { get; } = new("--output-resolution") { Description = "Output short side (360–2160, never above the source's; default 1080)." };

    public Option<string> FileName { get; } = new("--file-name") { Description = "Download name of the video (default: the image's file name)." };

    public Option<string> AudioCodec { get; } = new("--audio-codec") { Description = "aac (default) or mp3." };

    public Option<string> Model { get; } = new("--model")
    {
        Description = "sonic (the real engine; needs a Sonic model folder) or builtin (fallback). Default: sonic when a verified folder is configured, else builtin.",
    };

    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "Start from a named set of parameters: 'upstream' (upstream Sonic's choices: expand ratio 0.5, 512 px, scales 1.0, no trimming, calibration or smoothing, upstream numerics). --params and options override it.",
    };

    public Option<bool> StrictResolution { get; } = new("--strict-resolution") { Description = "Refuse a --min-resolution the Sonic model cannot render (resolution_unsupported) instead of using the nearest size it can." };

    public Option<bool> UpstreamNumerics { get; } = new("--upstream-numerics") { Description = "Sonic: soft face mask, truncated frame bytes, both motion buckets × dynamic scale, as upstream (default false)." };

    public Option<string> Transcript { get; } = new("--transcript") { Description = "What the recording says: captions timed against the speech (approximate)." };

    public Option<string> Script { get; } = new("--script") { Description = "Text to speak instead of a recording (plain text, or SSML starting with <speak); at most 5000 characters." };

    public Option<string> Voice { get; } = new("--voice") { Description = "Voice for --script: a language tag (en-US, zh, es, fr, de, ja) or the speech provider's own voice name." };

    public Option<string> Language { get; } = new("--language") { Description = "Language of --script; alone, it picks that language's default voice." };

    public Option<double> SpeakingRate { get; } = new("--speaking-rate") { Description = "Multiple of the voice's normal rate (0.5–2; default 1)." };

    public Option<string> Captions { get; } = new("--captions") { Description = "sidecar (name.vtt and name.srt beside the video; the default with --script), burn (drawn into the picture) or none." };

    public Option<FileInfo> ParamsFile { get; } = new("--params") { Description = "JSON file with parameters in snake_case (as the HTTP API takes them); options override it." };

    public IEnumerable<Option> All =>
    [
        Duration, MinResolution, ExpandRatio, InferenceSteps, DynamicScale, MotionScale, Seed,
        CalibrateLipsync, SmoothMotion, WatermarkText, AiLabel, AiLabelText, InvisibleWatermark, TrimSilence, OutputResolution, FileName, AudioCodec, Model,
        StrictResolution, UpstreamNumerics, Script, Transcript, Voice, Language, SpeakingRate, Captions, Preset, ParamsFile,
    ];

    /// <summary>Overlays the options the user actually gave onto <paramref name="baseline"/>.</summary>
    public RenderParameters Apply(ParseResult parse, RenderParameters baseline)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var p = baseline;
        if (Given(parse, Duration)) { p = p with { Duration = parse.GetValue(Duration) }; }
        if (Given(parse, MinResolution)) { p = p with { MinResolution = parse.GetValue(MinResolution) }; }
        if (Given(parse, ExpandRatio)) { p = p with { ExpandRatio = parse.GetValue(ExpandRatio) }; }
        if (Given(parse, InferenceSteps)) { p = p with { InferenceSteps = parse.GetValue(InferenceSteps) }; }
        if (Given(parse, DynamicScale)) { p = p with { DynamicScale = parse.GetValue(DynamicScale) }; }
        if (Given(parse, MotionScale)) { p = p with { MotionScale = parse.GetValue(MotionScale) }; }
        if (Given(parse, Seed)) { p = p with { Seed = parse.GetValue(Seed) }; }
        if (Given(parse, CalibrateLipsync)) { p = p with { CalibrateLipsync = parse.GetValue(CalibrateLipsync) }; }
        if (Given(parse, SmoothMotion)) { p = p with { SmoothMotion = parse.GetValue(SmoothMotion) }; }
        if (Given(parse, WatermarkText)) { p = p with { WatermarkText = parse.GetValue(WatermarkText) }; }
        if (Given(parse, AiLabel)) { p = p with { AiLabel = parse.GetValue(AiLabel)! }; }
        if (Given(parse, AiLabelText)) { p = p with { AiLabelText = parse.GetValue(AiLabelText) }; }
        if (Given(parse, InvisibleWatermark)) { p = p with { InvisibleWatermark = parse.GetValue(InvisibleWatermark) }; }
        if (Given(parse, TrimSilence)) { p = p with { TrimSilence = parse.GetValue(TrimSilence) }; }
        if (Given(parse, OutputResolution)) { p = p with { OutputResolution = parse.GetValue(OutputResolution) }; }
        if (Given(parse, FileName)) { p = p with { FileName = parse.GetValue(FileName) }; }
        if (Given(parse, Script)) { p = p with { Script = parse.GetValue(Script) }; }
        if (Given(parse, Transcript)) { p = p with { Transcript = parse.GetValue(Transcript) }; }
        if (Given(parse, Voice)) { p = p with { Voice = parse.GetValue(Voice) }; }
        if (Given(parse, Language)) { p = p with { Language = parse.GetValue(Language) }; }
        if (Given(parse, SpeakingRate)) { p = p with { SpeakingRate = parse.GetValue(SpeakingRate) }; }
        if (Given(parse, Captions)) { p = p with { Captions = parse.GetValue(Captions) }; }
        if (Given(parse, AudioCodec)) { p = p with { AudioCodec = parse.GetValue(AudioCodec)!.ToLowerInvariant() }; }
        if (Given(parse, Model)) { p = p with { Model = parse.GetValue(Model)!.ToLowerInvariant() }; }
        if (Given(parse, StrictResolution)) { p = p with { StrictResolution = parse.GetValue(StrictResolution) }; }
        if (Given(parse, UpstreamNumerics)) { p = p with { UpstreamNumerics = parse.GetValue(UpstreamNumerics) }; }
        return p;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
