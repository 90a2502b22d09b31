using System.Collections.Concurrent;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// One gate per cache key in this process, so jobs that need the same missing entry at the same time make it once:
/// the first holds the gate while it makes and stores it, the others wait and then find it. Across processes the
/// stored bytes are identical whoever writes them, so a race there costs time, never correctness.
/// </summary>
public sealed class CacheGates
{
    /// <summary>Gates are tiny; the table is emptied when it grows this large (at worst a key is then made twice).</summary>
    private const int MaxGates = 10_000;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="key"/>'s gate; dispose the result to open it again.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        if (gates.Count > MaxGates)
        {
            gates.Clear();
        }

        var gate = gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
