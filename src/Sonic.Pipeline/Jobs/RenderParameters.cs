using System.Text.Json.Serialization;
using Sonic.Inference.Animation;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// The user-facing parameters of one render, named as the ComfyUI <c>SONIC_PreData</c> node names them
/// (snake_case in JSON and HTTP, kebab-case on the command line). Defaults and ranges follow ARCHITECTURE.md.
/// </summary>
public sealed record RenderParameters
{
    /// <summary>Expected audio duration in seconds; when given it must match the audio within 0.1 s.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; init; }

    /// <summary>
    /// Short side of the face crop fed to the model. Null: the model's native size (Sonic: the folder's, 512 for the
    /// public weights), <see cref="DefaultMinResolution"/> for the built-in animator.
    /// </summary>
    [JsonPropertyName("min_resolution")]
    public int? MinResolution { get; init; }

    /// <summary>
    /// With an explicit <see cref="MinResolution"/> the model cannot render: true refuses the job
    /// (<c>resolution_unsupported</c>); false (default) renders at the nearest supported size with a warning.
    /// </summary>
    [JsonPropertyName("strict_resolution")]
    public bool StrictResolution { get; init; }

    [JsonPropertyName("expand_ratio")]
    public double ExpandRatio { get; init; } = 0.18;

    [JsonPropertyName("inference_steps")]
    public int InferenceSteps { get; init; } = 25;

    [JsonPropertyName("dynamic_scale")]
    public double DynamicScale { get; init; } = 1.1;

    [JsonPropertyName("motion_scale")]
    public double MotionScale { get; init; } = 1.05;

    [JsonPropertyName("seed")]
    public int Seed { get; init; } = 72589;

    [JsonPropertyName("calibrate_lipsync")]
    public bool CalibrateLipsync { get; init; } = true;

    [JsonPropertyName("smooth_motion")]
    public bool SmoothMotion { get; init; } = true;

    [JsonPropertyName("trim_silence")]
    public bool TrimSilence { get; init; } = true;

    [JsonPropertyName("output_resolution")]
    public int OutputResolution { get; init; } = 1080;

    /// <summary>Download name without extension; sanitised before use. Defaults to the image's file stem.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    /// <summary>Audio codec of the MP4: "aac" (default, plays everywhere) or "mp3".</summary>
    [JsonPropertyName("audio_codec")]
    public string AudioCodec { get; init; } = "aac";

    /// <summary>Visible text in the bottom-right corner of the video (semi-transparent); none when null or empty.</summary>
    [JsonPropertyName("watermark_text")]
    public string? WatermarkText { get; init; }

    /// <summary>The visible AI label: "corner" (default), "intro" (large for the first 2 s, then the corner) or "none".</summary>
    [JsonPropertyName("ai_label")]
    public string AiLabel { get; init; } = Provenance.AiLabels.Corner;

    /// <summary>The invisible watermark (keyed, in the luma of every frame; <c>sonic verify</c> reads it back after re-encoding). On by default.</summary>
    [JsonPropertyName("invisible_watermark")]
    public bool InvisibleWatermark { get; init; } = true;

    /// <summary>The AI label's text; null: "AI-generated", or "AI生成" for Chinese and Japanese.</summary>
    [JsonPropertyName("ai_label_text")]
    public string? AiLabelText { get; init; }

    /// <summary>
    /// Which animator makes the frames: "sonic" (the real engine over the configured ONNX folder) or "builtin" (the
    /// fallback). Null: the host's default, "sonic" when a verified Sonic folder is configured, else "builtin".
    /// </summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>
    /// Sonic only: soft face mask, truncated frame bytes and both motion buckets × dynamic_scale, as upstream computes
    /// them (set by the <c>upstream</c> preset, for parity checks).
    /// </summary>
    [JsonPropertyName("upstream_numerics")]
    public bool UpstreamNumerics { get; init; }

    /// <summary>
    /// Where the signed <c>video.completed</c> / <c>video.failed</c> webhook goes (https; the host's webhook settings
    /// decide what else is allowed). Not a render setting: it rides with the parameters so every way in takes it.
    /// </summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; init; }

    /// <summary>The caller's own id for this job (or the <c>x-correlation-id</c> header), echoed in results, webhooks, logs and traces.</summary>
    [JsonPropertyName("correlation_id")]
    public string? CorrelationId { get; init; }

    /// <summary>
    /// Text to speak instead of a recording (plain text, or SSML when it starts with <c>&lt;speak</c>); a job has exactly
    /// one of a recording and a script.
    /// </summary>
    [JsonPropertyName("script")]
    public string? Script { get; init; }

    /// <summary>The voice for <see cref="Script"/>: a language tag (<c>en-US</c>, <c>zh</c>, …) or a provider's voice name.</summary>
    [JsonPropertyName("voice")]
    public string? Voice { get; init; }

    /// <summary>The script's language; alone, it picks that language's default voice.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>A multiple of the voice's normal speaking rate.</summary>
    [JsonPropertyName("speaking_rate")]
    public double SpeakingRate { get; init; } = 1.0;

    /// <summary>
    /// What an uploaded recording says, for its captions: the words are timed against the speech (approximately,
    /// <see cref="Captions.TranscriptAligner"/>). Not with a <see cref="Script"/>, which times its own words.
    /// </summary>
    [JsonPropertyName("transcript")]
    public string? Transcript { get; init; }

    /// <summary>
    /// Captions for a script or transcript: "sidecar" (WebVTT and SRT beside the video; the default with a script), "burn" (drawn
    /// into the picture) or "none". Left out without a script or transcript: none.
    /// </summary>
    [JsonPropertyName("captions")]
    public string? Captions { get; init; }

    /// <summary>The longest <see cref="Script"/> accepted, in characters (about six minutes of speech).</summary>
    public const int MaxScriptLength = 5000;

    public const string CaptionsNone = "none";
    public const string CaptionsSidecar = "sidecar";
    public const string CaptionsBurn = "burn";

    /// <summary>What this job's captions are: <see cref="Captions"/>, else sidecar with a script or transcript and none without.</summary>
    [JsonIgnore]
    public string CaptionMode => Captions ?? (Script is null && Transcript is null ? CaptionsNone : CaptionsSidecar);

    /// <summary>The longest <see cref="CallbackUrl"/> accepted, in characters.</summary>
    public const int MaxCallbackUrlLength = 2048;

    /// <summary>The longest <see cref="CorrelationId"/> accepted, in characters.</summary>
    public const int MaxCorrelationIdLength = 128;

    /// <summary>The crop side of a job that names none, when the model has no native size of its own.</summary>
    public const int DefaultMinResolution = 1024;

    /// <summary>The crop side this job asks for: its own, else <paramref name="native"/>, else the default.</summary>
    public int CropSide(int? native) => MinResolution ?? native ?? DefaultMinResolution;

    /// <summary>How an animator treats a crop size its model cannot render (see <see cref="StrictResolution"/>).</summary>
    [JsonIgnore]
    public CropSizePolicy SizePolicy => MinResolution is null
        ? CropSizePolicy.Native
        : StrictResolution ? CropSizePolicy.Strict : CropSizePolicy.Nearest;

    /// <summary>The longest <see cref="WatermarkText"/> accepted, in characters.</summary>
    public const int MaxWatermarkLength = 64;

    /// <summary>Throws <see cref="SonicJobException"/> with <see cref="ErrorCodes.InvalidParameter"/> on the first bad value.</summary>
    public RenderParameters Validate()
    {
        if (Duration is { } d && (!double.IsFinite(d) || d < ParameterCatalog.Duration.Min))
        {
            throw Invalid("duration", "must be a positive number of seconds");
        }

        if (MinResolution is { } side && (!InRange(ParameterCatalog.MinResolution, side) || side % (int)ParameterCatalog.MinResolution.Step!.Value != 0))
        {
            throw Invalid("min_resolution", FormattableString.Invariant(
                $"must be between {ParameterCatalog.MinResolution.Min} and {ParameterCatalog.MinResolution.Max} in steps of {ParameterCatalog.MinResolution.Step}"));
        }

        Range(ParameterCatalog.ExpandRatio, ExpandRatio);
        Range(ParameterCatalog.InferenceSteps, InferenceSteps);
        Range(ParameterCatalog.DynamicScale, DynamicScale);
        Range(ParameterCatalog.MotionScale, MotionScale);
        Range(ParameterCatalog.OutputResolution, OutputResolution);

        if (AudioCodec is not ("aac" or "mp3"))
        {
            throw Invalid("audio_codec", "must be \"aac\" or \"mp3\"");
        }

        if (WatermarkText is { } mark && (mark.Length > MaxWatermarkLength || mark.Any(char.IsControl)))
        {
            throw Invalid("watermark_text", FormattableString.Invariant($"must be at most {MaxWatermarkLength} characters without control characters"));
        }

        if (!Provenance.AiLabels.Modes.Contains(AiLabel))
        {
            throw Invalid("ai_label", "must be \"corner\", \"intro\" or \"none\"");
        }

        if (AiLabelText is { } label && (label.Length > Provenance.AiLabels.MaxTextLength || label.Any(char.IsControl)))
        {
            throw Invalid("ai_label_text", FormattableString.Invariant($"must be at most {Provenance.AiLabels.MaxTextLength} characters without control characters"));
        }

        if (Model is not null && !InferenceModels.IsKnown(Model))
        {
            throw Invalid("model", "must be \"sonic\" or \"builtin\" (or left out for the host's default)");
        }

        if (CallbackUrl is { } callback && (callback.Length > MaxCallbackUrlLength
            || !Uri.TryCreate(callback, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw Invalid("callback_url", FormattableString.Invariant($"must be an https URL of at most {MaxCallbackUrlLength} characters"));
        }

        if (Script is { } script && script.EnumerateRunes().Count() is var characters && characters > MaxScriptLength)
        {
            throw new SonicJobException(ErrorCodes.ScriptTooLong, FormattableString.Invariant($"The script has {characters} characters; at most {MaxScriptLength} are spoken in one video."));
        }

        if (Script is { } spoken && string.IsNullOrWhiteSpace(spoken))
        {
            throw Invalid("script", "must have something to say");
        }

        foreach (var (name, text) in new[] { ("script", Script), ("transcript", Transcript) })
        {
            if (text is not null && text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                throw Invalid(name, "may hold text, tabs and line breaks but no other control characters");
            }
        }

        if (Transcript is { } transcript)
        {
            if (Script is not null)
            {
                throw Invalid("transcript", "goes with a recording; a script times its own captions");
            }

            if (string.IsNullOrWhiteSpace(transcript) || transcript.EnumerateRunes().Count() > MaxScriptLength)
            {
                throw Invalid("transcript", FormattableString.Invariant($"must have 1 to {MaxScriptLength} characters"));
            }
        }

        foreach (var (name, tag) in new[] { ("voice", Voice), ("language", Language) })
        {
            if (tag is not null && (tag.Length is 0 or > 64 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                throw Invalid(name, "must be a language tag such as en-US or a voice name (letters, digits, '-', '_')");
            }
        }

        Range(ParameterCatalog.SpeakingRate, SpeakingRate);
        if (Captions is not (null or CaptionsNone or CaptionsSidecar or CaptionsBurn))
        {
            throw Invalid("captions", "must be \"none\", \"sidecar\" or \"burn\"");
        }

        if (CorrelationId is { } correlation && (correlation.Length is 0 or > MaxCorrelationIdLength || correlation.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            throw Invalid("correlation_id", FormattableString.Invariant($"must be 1 to {MaxCorrelationIdLength} characters without spaces or control characters"));
        }

        return this;
    }

    /// <summary>The value within its <see cref="ParameterCatalog"/> range, else invalid_parameter naming it.</summary>
    private static void Range(ParameterSpec spec, double value)
    {
        if (!InRange(spec, value))
        {
            throw Invalid(spec.Name, FormattableString.Invariant($"must be between {spec.Min} and {spec.Max}"));
        }
    }

    private static bool InRange(ParameterSpec spec, double value) =>
        double.IsFinite(value) && value >= spec.Min && value <= spec.Max;

    private static SonicJobException Invalid(string name, string rule)
        => new(ErrorCodes.InvalidParameter, $"Parameter {name} {rule}.");
}
