using System.Runtime.ExceptionServices;

namespace Sonic.Media.Threading;

/// <summary>
/// Runs a frame's bands of rows on the calling thread and <c>workers − 1</c> thread-pool threads, each taking the next
/// band as it finishes one (a band over a busy region does not hold the others up), and returns when all are done.
/// Unlike <see cref="Parallel.For(int, int, Action{int})"/> it allocates nothing per run: a render's per-frame garbage
/// would otherwise pile up between collections, and peak memory would grow with video length. One run at a time.
/// </summary>
public sealed class ParallelBands
{
    private readonly Helper[] helpers;

    // Monitor.Wait needs a plain object (not Lock); it holds no handle, so the class needs no Dispose.
    private readonly object gate = new();
    private int pending;
    private Action<int>? body;
    private int bands;
    private int next;
    private Exception? failure;

    /// <param name="workers">Threads to use, the caller's included (1 runs everything on the caller).</param>
    public ParallelBands(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        helpers = [.. Enumerable.Range(0, workers - 1).Select(_ => new Helper(this))];
    }

    /// <summary>Calls <paramref name="work"/> once for each band in [0, <paramref name="bandCount"/>); pass a cached delegate to stay allocation-free.</summary>
    public void Run(int bandCount, Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (helpers.Length == 0 || bandCount <= 1)
        {
            for (var band = 0; band < bandCount; band++)
            {
                work(band);
            }

            return;
        }

        (body, bands, next, failure) = (work, bandCount, 0, null);
        var helping = Math.Min(helpers.Length, bandCount - 1);
        pending = helping;
        for (var i = 0; i < helping; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(helpers[i], preferLocal: false);
        }

        try
        {
            TakeBands();
        }
        finally
        {
            lock (gate)
            {
                while (pending > 0)
                {
                    Monitor.Wait(gate);
                }
            }

            body = null;
        }

        if (failure is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private void TakeBands()
    {
        try
        {
            for (var band = Interlocked.Increment(ref next) - 1; band < bands; band = Interlocked.Increment(ref next) - 1)
            {
                body!(band);
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ex, null);
            Volatile.Write(ref next, int.MaxValue / 2); // the others stop taking bands
        }
    }

    private sealed class Helper(ParallelBands owner) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            try
            {
                owner.TakeBands();
            }
            finally
            {
                lock (owner.gate)
                {
                    if (--owner.pending == 0)
                    {
                        Monitor.PulseAll(owner.gate);
                    }
                }
            }
        }
    }
}
