namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>
/// Hears the Sonic engine's intermediate values by stage name, for comparing a run with upstream's (see
/// <see cref="SonicParityStages"/>). A stage recorded more than once is concatenated along its first axis.
/// </summary>
public interface ISonicTrace
{
    void Record(string stage, int[] shape, ReadOnlySpan<float> values);
}
