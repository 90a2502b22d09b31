namespace Sonic.Media.Errors;

/// <summary>Stable, documented error codes for bad input. Clients branch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string InvalidParameter = "invalid_parameter";
    public const string AudioUnreadable = "audio_unreadable";
    public const string AudioEmpty = "audio_empty";
    public const string AudioSilent = "audio_silent";
    public const string AudioTooLong = "audio_too_long";
    /// <summary>Less speech than a video can show (after trimming silence); almost always a cut-off or wrong file.</summary>
    public const string AudioTooShort = "audio_too_short";
    public const string DurationMismatch = "duration_mismatch";
    public const string ImageUnreadable = "image_unreadable";
    public const string ImageUnsupportedFormat = "image_unsupported_format";
    public const string ImageTooSmall = "image_too_small";
    /// <summary>More pixels than the loader decodes (a decompression bomb, or a scan far larger than any portrait needs).</summary>
    public const string ImageTooLarge = "image_too_large";
    public const string NoFaceDetected = "no_face_detected";
    public const string InputNotFound = "input_not_found";

    /// <summary>A batch manifest (CSV or JSON) that cannot be read as items: no audio column, no rows, too many rows.</summary>
    public const string InvalidManifest = "invalid_manifest";

    /// <summary>A Sonic model folder does not satisfy the ONNX contract (missing file, wrong name, rank or dtype).</summary>
    public const string ModelInvalid = "model_invalid";

    /// <summary>A job asked for the Sonic model on a host that has no Sonic model folder configured.</summary>
    public const string ModelUnavailable = "model_unavailable";

    /// <summary>
    /// A host or the CLI was started with a setting that is missing or unusable (a bad <c>Sonic__…</c> variable);
    /// printed as one line at start, never returned for a job.
    /// </summary>
    public const string SettingsInvalid = "settings_invalid";

    /// <summary>The job asked, in strict mode, for a crop size the model folder cannot render.</summary>
    public const string ResolutionUnsupported = "resolution_unsupported";

    /// <summary>The GPU has less free memory than the job is estimated to need; said before sampling starts.</summary>
    public const string GpuMemoryInsufficient = "gpu_memory_insufficient";

    /// <summary>A job gave both a recording and a script; it takes exactly one.</summary>
    public const string InputConflict = "input_conflict";

    /// <summary>A job gave neither a recording nor a script.</summary>
    public const string InputMissing = "input_missing";

    /// <summary>The script is longer than the limit.</summary>
    public const string ScriptTooLong = "script_too_long";

    /// <summary>No voice by that name or language.</summary>
    public const string VoiceUnknown = "voice_unknown";

    /// <summary>A file to verify is not a video we can read (not ISO base media).</summary>
    public const string VideoUnreadable = "video_unreadable";

    /// <summary>The speech service refused or failed to speak the script (malformed SSML, text it cannot read).</summary>
    public const string ScriptRejected = "script_rejected";

    /// <summary>The speech synthesis provider cannot be used (not installed, unreachable, refused).</summary>
    public const string TtsUnavailable = "tts_unavailable";

    /// <summary>The C2PA signing certificate cannot be loaded (Key Vault refused or has no such certificate, an unreadable file).</summary>
    public const string SigningUnavailable = "signing_unavailable";
}
