using Sonic.Inference.Onnx;
using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Hosting;

namespace Sonic.Cli.Output;

/// <summary>
/// The one place that maps an exception to what the CLI prints and exits with: bad input → exit 2 with its stable
/// code; a missing or unusable setting → <see cref="SonicHost.SettingsExitCode"/> (78); a tool or runtime failure → exit 1;
/// Ctrl+C → 130. Never a stack trace unless --verbose.
/// </summary>
internal sealed record CliError(int ExitCode, string Code, string Message)
{
    public const int BadInput = 2;
    public const int Failure = 1;
    public const int Cancelled = 130;

    public static CliError From(Exception exception) => exception switch
    {
        SonicJobException job => new(BadInput, job.Code, job.Message),
        OperationCanceledException => new(Cancelled, "cancelled", "The render was cancelled."),
        MediaToolException media => new(Failure, "media_tool_failed", OneLine(media.Message)),
        InferenceException inference => new(Failure, "inference_failed", OneLine(inference.Message)),
        _ when SettingsProblem.Describe(exception) is { } settings => new(SonicHost.SettingsExitCode, ErrorCodes.SettingsInvalid, settings),
        _ => new(Failure, "internal_error", OneLine(exception.Message)),
    };

    /// <summary>Prints <c>error: code: sentence</c> to the error stream and returns the exit code.</summary>
    public static int Report(CliOutput output, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(output);
        var error = From(exception);
        output.Error.WriteLine($"error: {error.Code}: {error.Message}");
        return error.ExitCode;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
