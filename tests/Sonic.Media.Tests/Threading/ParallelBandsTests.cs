using Sonic.Media.Threading;

namespace Sonic.Media.Tests.Threading;

/// <summary>The allocation-free band runner under the warp and the compositor's resize.</summary>
public sealed class ParallelBandsTests
{
    [Fact]
    public void Run_EveryBandOnce_WithoutAllocatingPerRun()
    {
        var workers = new ParallelBands(2);
        var hits = new int[40];
        Action<int> work = band => Interlocked.Increment(ref hits[band]);
        workers.Run(hits.Length, work);
        Assert.All(hits, h => Assert.Equal(1, h));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            workers.Run(hits.Length, work);
        }

        Assert.All(hits, h => Assert.Equal(101, h));
        // What remains is the thread pool's own queue bookkeeping, amortised: bytes, where Parallel.For takes kilobytes.
        Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 100.0, 0, 512);
    }

    [Fact]
    public void Run_TwoWorkers_TwoBandsRunAtTheSameTime()
    {
        // Whichever band starts first waits for the other: only a second thread can let it finish.
        var workers = new ParallelBands(2);
        using var first = new ManualResetEventSlim();
        using var second = new ManualResetEventSlim();
        var met = new bool[2];

        workers.Run(2, band =>
        {
            (band == 0 ? first : second).Set();
            met[band] = (band == 0 ? second : first).Wait(TimeSpan.FromSeconds(10));
        });

        Assert.Equal([true, true], met);
    }

    [Fact]
    public void Run_ABandThrows_TheCallerGetsTheExceptionAfterTheOthersFinish()
    {
        var workers = new ParallelBands(2);
        var running = 0;

        var error = Assert.Throws<InvalidOperationException>(() => workers.Run(16, band =>
        {
            Interlocked.Increment(ref running);
            Thread.Sleep(2);
            Interlocked.Decrement(ref running);
            if (band == 3)
            {
                throw new InvalidOperationException("band 3");
            }
        }));

        Assert.Equal("band 3", error.Message);
        Assert.Equal(0, Volatile.Read(ref running));
    }
}
