using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Sonic.Inference.Onnx;

/// <summary>
/// Creates ONNX Runtime sessions: the CUDA execution provider when it loads, otherwise CPU, and says which one ran.
/// The CUDA provider needs CUDA 13 + cuDNN 9; on machines without them appending it throws, and we fall back.
/// </summary>
public sealed partial class OrtSessionFactory(ILogger<OrtSessionFactory> logger, bool preferCuda = true)
{
    private static readonly Lock CudaProbeLock = new();
    private static bool? cudaUsable;

    /// <summary>Creates a session for <paramref name="modelBytes"/> or a file path; returns it with its provider.</summary>
    public (InferenceSession Session, string ExecutionProvider) Create(string modelName, byte[] modelBytes, int intraOpThreads = 0)
        => CreateCore(modelName, options => new InferenceSession(modelBytes, options), intraOpThreads);

    public (InferenceSession Session, string ExecutionProvider) Create(string modelName, string modelPath, int intraOpThreads = 0)
    {
        if (!File.Exists(modelPath))
        {
            throw new InferenceException(modelName, $"model file not found at '{modelPath}'");
        }

        return CreateCore(modelName, options => new InferenceSession(modelPath, options), intraOpThreads);
    }

    private (InferenceSession Session, string ExecutionProvider) CreateCore(
        string modelName, Func<SessionOptions, InferenceSession> open, int intraOpThreads)
    {
        if (preferCuda && CudaUsable())
        {
            try
            {
                using var cudaOptions = NewOptions(intraOpThreads);
                cudaOptions.AppendExecutionProvider_CUDA();
                var session = open(cudaOptions);
                Log.SessionCreated(logger, modelName, "CUDA");
                return (session, "CUDA");
            }
            catch (OnnxRuntimeException ex)
            {
                Log.CudaFallback(logger, modelName, ex.Message);
            }
        }

        try
        {
            using var options = NewOptions(intraOpThreads);
            var cpu = open(options);
            Log.SessionCreated(logger, modelName, "CPU");
            return (cpu, "CPU");
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InferenceException(modelName, ex.Message, ex);
        }
    }

    private bool CudaUsable()
    {
        lock (CudaProbeLock)
        {
            if (cudaUsable is null)
            {
                if (!CudaLibrariesPresent(out var missing))
                {
                    // Checking first keeps ORT from printing a red load error on every CPU-only start.
                    Log.CudaUnavailable(logger, $"{missing} not found");
                    cudaUsable = false;
                    return false;
                }

                try
                {
                    using var probe = new SessionOptions();
                    probe.AppendExecutionProvider_CUDA();
                    cudaUsable = true;
                }
                catch (OnnxRuntimeException ex)
                {
                    // Expected on CPU-only machines (missing libcublasLt etc.); logged once.
                    Log.CudaUnavailable(logger, ex.Message);
                    cudaUsable = false;
                }
            }

            return cudaUsable.Value;
        }
    }

    /// <summary>The CUDA provider of ORT 1.31 links against CUDA 13 (cuBLASLt) and cuDNN 9.</summary>
    private static bool CudaLibrariesPresent(out string missing)
    {
        foreach (var library in new[] { "libcublasLt.so.13", "libcudnn.so.9" })
        {
            if (!System.Runtime.InteropServices.NativeLibrary.TryLoad(library, out var handle))
            {
                missing = library;
                return false;
            }

            System.Runtime.InteropServices.NativeLibrary.Free(handle);
        }

        missing = string.Empty;
        return true;
    }

    private static SessionOptions NewOptions(int intraOpThreads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,

            // ORT's optimiser reports harmless clean-ups as warnings on stderr; real problems are errors.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // Busy-waiting worker threads steal the cores that ffmpeg and the compositor need while we stream.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        return options;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "ONNX model {Model} runs on the {Provider} execution provider")]
        public static partial void SessionCreated(ILogger logger, string model, string provider);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "CUDA execution provider unavailable, using CPU: {Reason}")]
        public static partial void CudaUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "CUDA session for {Model} failed, falling back to CPU: {Reason}")]
        public static partial void CudaFallback(ILogger logger, string model, string reason);
    }
}
