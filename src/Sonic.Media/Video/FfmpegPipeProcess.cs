using System.Diagnostics;
using Sonic.Media.Diagnostics;

namespace Sonic.Media.Video;

/// <summary>
/// One ffmpeg process whose stdin or stdout is a raw frame pipe. Keeps the stderr tail for the error message, and
/// kills the process (and its children) when disposed before it exited, so an abandoned pipe never leaves ffmpeg running.
/// </summary>
internal sealed class FfmpegPipeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private readonly Activity? _span;

    private FfmpegPipeProcess(Process process, Activity? span)
    {
        _process = process;
        _span = span;
    }

    /// <summary>Frames that passed through the pipe, counted by the caller; the span reports them.</summary>
    public int Frames { get; set; }

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public string StandardError => _stderr.ToString();

    /// <param name="operation">What the run does, for its span ("frames write", "frames read").</param>
    public static FfmpegPipeProcess Start(string operation, IEnumerable<string> arguments, bool writeInput, bool readOutput)
    {
        var tools = FfmpegEnvironment.EnsureConfigured();
        var info = new ProcessStartInfo(tools.FfmpegPath)
        {
            RedirectStandardInput = writeInput,
            RedirectStandardOutput = readOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var pipe = new FfmpegPipeProcess(process, SonicTelemetry.StartFfmpeg(operation));
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                pipe._stderr.Append(e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            pipe._span.End(0, ex.Message);
            process.Dispose();
            throw new MediaToolException($"ffmpeg could not be started: {ex.Message}", ex);
        }

        process.BeginErrorReadLine();
        return pipe;
    }

    /// <summary>Waits for ffmpeg to exit; throws <see cref="MediaToolException"/> with its stderr when it failed.</summary>
    public async Task WaitForSuccessAsync(string what, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(what);
    }

    /// <summary>
    /// Reads stdout into <paramref name="frame"/> one whole frame at a time, yielding each frame's index once it is
    /// complete, then waits for ffmpeg to succeed. Throws <see cref="MediaToolException"/> when ffmpeg fails or the
    /// stream ends inside a frame.
    /// </summary>
    public IEnumerable<int> ReadFrames(byte[] frame, string what, CancellationToken cancellationToken)
    {
        var index = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = Output.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false);
            }
            catch (IOException ex)
            {
                throw Failure(what, ex);
            }

            if (read == 0)
            {
                break;
            }

            if (read != frame.Length)
            {
                throw Failure($"{what}: it ended inside frame {index}");
            }

            Frames = index + 1;
            yield return index++;
        }

        WaitForSuccess(what);
    }

    public void WaitForSuccess(string what)
    {
        _process.WaitForExit();
        ThrowIfFailed(what);
    }

    public MediaToolException Failure(string what, Exception? inner = null)
    {
        var exited = _process.HasExited || _process.WaitForExit(5000);
        var code = exited ? _process.ExitCode : -1;
        return new MediaToolException($"ffmpeg failed to {what} (exit code {code}).", StandardError, code, inner);
    }

    public void Dispose()
    {
        string? failure = null;
        try
        {
            if (!_process.HasExited)
            {
                // Abandoned before it finished: the caller failed or stopped reading.
                failure = "stopped before it finished";
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            else if (_process.ExitCode != 0)
            {
                failure = $"exit code {_process.ExitCode}";
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _span.End(Frames, failure);
        _process.Dispose();
    }

    private void ThrowIfFailed(string what)
    {
        // WaitForExit without a timeout also drains the asynchronous stderr reader, so the tail is complete.
        _process.WaitForExit();
        if (_process.ExitCode != 0)
        {
            throw new MediaToolException($"ffmpeg failed to {what} (exit code {_process.ExitCode}).", StandardError, _process.ExitCode);
        }
    }
}
