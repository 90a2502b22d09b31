namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>Keeps a copy of every recorded stage (parity runs are short: a few dozen frames at a small size).</summary>
public sealed class SonicTraceRecorder : ISonicTrace
{
    private readonly Dictionary<string, (int[] Shape, List<float> Values)> stages = [];
    private readonly Lock gate = new();

    public void Record(string stage, int[] shape, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        lock (gate)
        {
            if (stages.TryGetValue(stage, out var known))
            {
                if (!known.Shape.AsSpan(1).SequenceEqual(shape.AsSpan(1)))
                {
                    throw new InvalidOperationException($"Stage '{stage}' was recorded with shapes [{string.Join(',', known.Shape)}] and [{string.Join(',', shape)}].");
                }

                known.Shape[0] += shape[0];
                known.Values.AddRange(values);
            }
            else
            {
                var copy = new List<float>(values.Length);
                copy.AddRange(values);
                stages[stage] = ((int[])shape.Clone(), copy);
            }
        }
    }

    /// <summary>The recorded stage, or null when the engine did not record it.</summary>
    public SonicTensor? Get(string stage)
    {
        lock (gate)
        {
            return stages.TryGetValue(stage, out var s) ? new SonicTensor(s.Shape, [.. s.Values]) : null;
        }
    }
}
