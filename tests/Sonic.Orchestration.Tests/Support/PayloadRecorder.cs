using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Sonic.Orchestration.Tests.Support;

/// <summary>
/// The worker's data converter, recording the size of everything it serialises: orchestration inputs and outputs,
/// activity inputs and outputs, custom status — i.e. everything that goes into orchestration history.
/// </summary>
public sealed class PayloadRecorder : DataConverter
{
    private readonly Lock _gate = new();
    private readonly JsonDataConverter _inner = JsonDataConverter.Default;
    private string _largest = string.Empty;
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public string Largest
    {
        get
        {
            lock (_gate)
            {
                return _largest;
            }
        }
    }

    public override string? Serialize(object? value)
    {
        var text = _inner.Serialize(value);
        lock (_gate)
        {
            _count++;
            if (text is not null && text.Length > _largest.Length)
            {
                _largest = text;
            }
        }

        return text;
    }

    public override object? Deserialize(string? data, Type targetType) => _inner.Deserialize(data, targetType);
}
