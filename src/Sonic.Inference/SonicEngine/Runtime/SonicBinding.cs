using Microsoft.ML.OnnxRuntime;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// An IO binding whose host-memory inputs are bound just before every run. ORT copies an input to the device its
/// session needs at bind time (<c>IOBinding::BindInput</c> → <c>CopyOneInputAcrossDevices</c>), so on CUDA a host
/// buffer rewritten after binding would go unseen; on CPU a bind is bookkeeping only. Inputs already on the
/// session's device (<see cref="BindResident"/>) are bound once and read in place. Outputs are bound once: ORT
/// writes them, or copies them back to host memory, during each run.
/// </summary>
internal sealed class SonicBinding : IDisposable
{
    private readonly Dictionary<string, OrtValue> hostInputs = [];

    public SonicBinding(InferenceSession session)
    {
        Inner = session.CreateIoBinding();
    }

    public OrtIoBinding Inner { get; }

    /// <summary>An input in host memory, bound before every run so that its current contents are used.</summary>
    public void BindHost(string name, OrtValue value) => hostInputs[name] = value;

    /// <summary>An input that lives on the session's device (or is constant): bound now, read in place by each run.</summary>
    public void BindResident(string name, OrtValue value)
    {
        hostInputs.Remove(name);
        Inner.BindInput(name, value);
    }

    public void BindOutput(string name, OrtValue value) => Inner.BindOutput(name, value);

    /// <summary>Binds the host inputs (the copy to the device happens here) and returns the binding to run.</summary>
    public OrtIoBinding Refreshed()
    {
        foreach (var (name, value) in hostInputs)
        {
            Inner.BindInput(name, value);
        }

        return Inner;
    }

    public void Dispose() => Inner.Dispose();
}
