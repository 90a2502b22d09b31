using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// One contract network: its session, the execution provider it got, and the element type of each input and output
/// as the file declares them (so fp16 and fp32 exports both work without a manifest).
/// </summary>
internal sealed class SonicNetwork : IDisposable
{
    public SonicNetwork(string fileName, InferenceSession session, string executionProvider)
    {
        FileName = fileName;
        Session = session;
        ExecutionProvider = executionProvider;
    }

    public string FileName { get; }

    public InferenceSession Session { get; }

    public string ExecutionProvider { get; }

    public TensorElementType InputType(string name) => Session.InputMetadata[name].ElementDataType;

    public TensorElementType OutputType(string name) => Session.OutputMetadata[name].ElementDataType;

    /// <summary>The size input <paramref name="name"/>'s <paramref name="axis"/> is fixed to, or null when it is free.</summary>
    public int? FixedDimension(string name, int axis)
        => Session.InputMetadata.TryGetValue(name, out var meta) && axis < meta.Dimensions.Length && meta.Dimensions[axis] > 0
            ? meta.Dimensions[axis]
            : null;

    /// <summary>
    /// Runs with every input and output bound to caller-owned tensors (IO binding): nothing is allocated per call, and
    /// ORT writes the output straight into the bound buffer. ORT failures become <see cref="InferenceException"/>.
    /// </summary>
    public void Run(SonicBinding binding, RunOptions runOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Session.RunWithBinding(runOptions, binding.Refreshed());
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // RunOptions.Terminate makes ORT fail the run; report it as the cancellation it is.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InferenceException(FileName, ex.Message, ex);
        }
    }

    /// <summary>A binding of host <paramref name="inputs"/> and <paramref name="outputs"/> by name, reused across runs.</summary>
    public SonicBinding Bind(IEnumerable<(string Name, HostTensor Tensor)> inputs, IEnumerable<(string Name, HostTensor Tensor)> outputs)
    {
        var binding = new SonicBinding(Session);
        foreach (var (name, tensor) in inputs)
        {
            binding.BindHost(name, tensor.Value);
        }

        foreach (var (name, tensor) in outputs)
        {
            binding.BindOutput(name, tensor.Value);
        }

        return binding;
    }

    public void Dispose() => Session.Dispose();
}
