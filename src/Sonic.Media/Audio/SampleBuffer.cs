namespace Sonic.Media.Audio;

/// <summary>
/// A growable float buffer for decoders that cannot know their length up front (MP3). Starts at a size hint so that
/// the usual case fills one array exactly and <see cref="ToArray"/> hands it over without copying.
/// </summary>
internal sealed class SampleBuffer(int capacityHint)
{
    private float[] _items = new float[Math.Max(capacityHint, 4096)];

    public int Count { get; private set; }

    /// <summary>Space for at least <paramref name="minimum"/> more samples, to be committed with <see cref="Advance"/>.</summary>
    public Span<float> GetSpan(int minimum)
    {
        if (_items.Length - Count < minimum)
        {
            var grown = new float[Math.Max(_items.Length * 2, Count + minimum)];
            _items.AsSpan(0, Count).CopyTo(grown);
            _items = grown;
        }

        return _items.AsSpan(Count);
    }

    /// <summary>Same as <see cref="GetSpan"/>, for APIs that want an array and an offset (NLayer).</summary>
    public (float[] Array, int Offset) GetArray(int minimum)
    {
        GetSpan(minimum);
        return (_items, Count);
    }

    public void Advance(int count) => Count += count;

    public float[] ToArray() => Count == _items.Length ? _items : _items.AsSpan(0, Count).ToArray();
}
