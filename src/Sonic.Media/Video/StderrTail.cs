using System.Text;

namespace Sonic.Media.Video;

/// <summary>
/// Keeps the last <see cref="Capacity"/> characters of a tool's stderr, line by line; the cause of a failure is at
/// the end and a long encode can print megabytes. Lines arrive on a thread-pool thread, hence the lock.
/// </summary>
internal sealed class StderrTail
{
    public const int Capacity = 4096;

    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public void Append(string line)
    {
        lock (_gate)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > Capacity)
            {
                _text.Remove(0, _text.Length - Capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString().TrimEnd();
        }
    }
}
