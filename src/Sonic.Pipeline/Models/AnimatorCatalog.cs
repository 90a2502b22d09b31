using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;

namespace Sonic.Pipeline.Models;

/// <summary>
/// The animators this host can run, by the job's <c>model</c> name. Owns both: the built-in animator (created at first
/// use) and the Sonic engine over <see cref="SonicModelOptions.SonicDirectory"/>, verified once against the ONNX
/// contract and opened once at first use, both thread-safe. The default is "sonic" only when that folder verified;
/// a configured folder that fails verification is logged as an error, default jobs run the built-in animator, and a
/// job that asks for "sonic" fails with <c>model_invalid</c> and the verifier's sentence, before any GPU work.
/// </summary>
public sealed partial class AnimatorCatalog : IDisposable
{
    private readonly OrtSessionFactory _sessions;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<AnimatorCatalog> _logger;
    private readonly string? _sonicDirectory;
    private readonly SonicSamplerPlacement _samplerPlacement;
    private readonly BuiltinAnimatorOptions _builtinOptions;
    private readonly Lazy<SonicModelStatus> _sonicStatus;
    private readonly Lock _openGate = new();
    private BuiltinAnimator? _builtin;
    private SonicAnimator? _sonic;
    private YoloFaceDetector? _sonicFaceDetector;
    private bool _disposed;

    public AnimatorCatalog(IOptions<SonicModelOptions> options, OrtSessionFactory sessions, ILoggerFactory loggers, IOptions<BuiltinAnimatorOptions>? builtinOptions = null)
    {
        _builtinOptions = builtinOptions?.Value ?? new BuiltinAnimatorOptions();
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(loggers);
        _sessions = sessions;
        _loggers = loggers;
        _logger = loggers.CreateLogger<AnimatorCatalog>();
        _sonicDirectory = options.Value.SonicDirectory is { Length: > 0 } directory ? Path.GetFullPath(directory) : null;
        _samplerPlacement = options.Value.SamplerPlacement;

        // Verification opens every file with ONNX Runtime (the real UNet's weights included): once per process.
        _sonicStatus = new Lazy<SonicModelStatus>(VerifySonicFolder, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The Sonic folder's state; the first call verifies it (and logs an error when it is unusable).</summary>
    public SonicModelStatus Sonic => _sonicStatus.Value;

    /// <summary>
    /// The verified Sonic folder's own face detector (upstream's YOLOv5m-face, <c>face_detector.onnx</c>), opened at
    /// first use; null when the folder has none (Sonic jobs then crop with the host's BlazeFace).
    /// </summary>
    public IFaceDetector? SonicFaceDetector
    {
        get
        {
            if (!Sonic.IsAvailable || Sonic.Report is not { HasFaceDetector: true } report)
            {
                return null;
            }

            lock (_openGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _sonicFaceDetector ??= new YoloFaceDetector(
                    Path.Combine(report.Directory, YoloFaceDetector.FileName), _sessions, _loggers.CreateLogger<YoloFaceDetector>());
            }
        }
    }

    /// <summary>
    /// How a job's face is framed here: when this host runs Sonic for it, at the folder's native size with the
    /// folder's own detector (as upstream does); otherwise the job's own size (or the default) with the host's
    /// detector (both null).
    /// </summary>
    public (int? NativeResolution, IFaceDetector? Detector) FramingFor(RenderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sonic = ResolveName(parameters.Model) == InferenceModels.Sonic && Sonic.IsAvailable;
        return sonic ? (Sonic.Report!.Resolutions.Native, SonicFaceDetector) : (null, null);
    }

    /// <summary>"sonic" when a verified Sonic folder is configured, "builtin" otherwise.</summary>
    public string DefaultModel => Sonic.IsAvailable ? InferenceModels.Sonic : InferenceModels.Builtin;

    /// <summary>The model names a job can run here, the default first.</summary>
    public IReadOnlyList<string> AvailableModels => Sonic.IsAvailable ? [InferenceModels.Sonic, InferenceModels.Builtin] : [InferenceModels.Builtin];

    /// <summary>The name that <paramref name="model"/> stands for: itself, or <see cref="DefaultModel"/> when null.</summary>
    /// <exception cref="SonicJobException"><c>invalid_parameter</c> for a name that is neither "sonic" nor "builtin".</exception>
    public string ResolveName(string? model) => model switch
    {
        null => DefaultModel,
        InferenceModels.Sonic or InferenceModels.Builtin => model,
        _ => throw new SonicJobException(ErrorCodes.InvalidParameter, "Parameter model must be \"sonic\" or \"builtin\" (or left out for the host's default)."),
    };

    /// <summary>The animator for <paramref name="model"/> (null: the default), opened on first use.</summary>
    /// <exception cref="SonicJobException">
    /// <c>invalid_parameter</c> for an unknown name; for "sonic", <c>model_unavailable</c> when no folder is configured
    /// and <c>model_invalid</c> when the folder breaks the contract.
    /// </exception>
    public IAnimator Resolve(string? model)
        => ResolveName(model) == InferenceModels.Builtin ? OpenBuiltin() : OpenSonic();

    /// <summary>The verified Sonic folder, or the error a "sonic" job gets (<c>model_unavailable</c> / <c>model_invalid</c>).</summary>
    public SonicModelReport RequireSonic()
    {
        var status = Sonic;
        if (!status.IsConfigured)
        {
            throw new SonicJobException(
                ErrorCodes.ModelUnavailable,
                $"This host has no Sonic model folder configured (set {SonicModelOptions.SectionName}:{nameof(SonicModelOptions.SonicDirectory)}, or --model-dir on the command line), so use model \"builtin\" or leave model out.");
        }

        if (status.Problem is { } problem)
        {
            throw new SonicJobException(ErrorCodes.ModelInvalid, problem);
        }

        return status.Report!;
    }

    public void Dispose()
    {
        lock (_openGate)
        {
            _disposed = true;
            _sonic?.Dispose();
            _builtin?.Dispose();
            _sonicFaceDetector?.Dispose();
            _sonicFaceDetector = null;
            _sonic = null;
            _builtin = null;
        }
    }

    private BuiltinAnimator OpenBuiltin()
    {
        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _builtin ??= new BuiltinAnimator(_sessions, _loggers.CreateLogger<BuiltinAnimator>(), _builtinOptions);
        }
    }

    private SonicAnimator OpenSonic()
    {
        var report = RequireSonic();
        lock (_openGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sonic is null)
            {
                _sonic = new SonicAnimator(report, _sessions, _loggers.CreateLogger<SonicAnimator>(), _samplerPlacement);
                Log.SonicOpened(_logger, report.Directory, _sonic.Info.ExecutionProvider, _sonic.SamplerMemory);
            }

            return _sonic;
        }
    }

    private SonicModelStatus VerifySonicFolder()
    {
        if (_sonicDirectory is null)
        {
            Log.NoSonicFolder(_logger);
            return new SonicModelStatus(null, null, null);
        }

        string? problem;
        SonicModelReport? report = null;
        try
        {
            report = SonicModelVerifier.Verify(_sonicDirectory);
            problem = report.IsValid ? null : report.Summary();
        }
        catch (SonicJobException ex)
        {
            problem = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"The Sonic model folder '{_sonicDirectory}' cannot be read ({ex.Message.ReplaceLineEndings(" ").Trim()}).";
        }

        if (problem is null)
        {
            Log.SonicVerified(_logger, _sonicDirectory);
        }
        else
        {
            Log.SonicUnusable(_logger, _sonicDirectory, problem);
        }

        return new SonicModelStatus(_sonicDirectory, report, problem);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "No Sonic model folder configured; jobs run the built-in animator")]
        public static partial void NoSonicFolder(ILogger logger);

        [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Sonic model folder {Directory} satisfies the contract; jobs default to sonic")]
        public static partial void SonicVerified(ILogger logger, string directory);

        [LoggerMessage(EventId = 322, Level = LogLevel.Error, Message = "Sonic model folder {Directory} is unusable; jobs default to builtin and model=sonic fails with model_invalid: {Problem}")]
        public static partial void SonicUnusable(ILogger logger, string directory, string problem);

        [LoggerMessage(EventId = 323, Level = LogLevel.Information, Message = "Sonic engine opened from {Directory} on {Provider}; latents kept on {SamplerMemory}")]
        public static partial void SonicOpened(ILogger logger, string directory, string provider, string samplerMemory);
    }
}
