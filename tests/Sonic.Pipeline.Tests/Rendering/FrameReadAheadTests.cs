using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Rendering;

namespace Sonic.Pipeline.Tests.Rendering;

/// <summary>
/// The read-ahead between the animator and the compositor: frames arrive whole and in order although the source
/// reuses one buffer, the source's own exception type reaches the consumer, and a consumer that stops early stops
/// the source before the enumeration returns.
/// </summary>
public sealed class FrameReadAheadTests
{
    [Fact]
    public void Frames_FromASourceThatReusesOneBuffer_ArriveWholeAndInOrder()
    {
        var seen = new List<(int Index, byte First, byte Last)>();
        foreach (var frame in new FrameReadAhead().Frames(Source(40, delay: TimeSpan.Zero), CancellationToken.None))
        {
            // The consumer is slower than the source: the source has already rewritten its own buffer by now.
            Thread.Sleep(1);
            seen.Add((frame.Index, frame.Pixels[0], frame.Pixels[^1]));
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (i, (byte)i, (byte)i)), seen);
    }

    [Fact]
    public void Frames_SourceThrows_TheConsumerGetsTheSameExceptionType()
    {
        static IEnumerable<RgbaFrame> Failing()
        {
            yield return new RgbaFrame(4, 4);
            throw new SonicJobException(ErrorCodes.InvalidParameter, "bad frame");
        }

        var error = Assert.Throws<SonicJobException>(() => new FrameReadAhead().Frames(Failing(), CancellationToken.None).Count());

        Assert.Equal(ErrorCodes.InvalidParameter, error.Code);
    }

    [Fact]
    public void Frames_ConsumerStopsEarly_TheSourceIsStoppedBeforeTheEnumerationEnds()
    {
        var produced = 0;
        IEnumerable<RgbaFrame> Counting()
        {
            foreach (var frame in Source(1000, TimeSpan.FromMilliseconds(2)))
            {
                Interlocked.Increment(ref produced);
                yield return frame;
            }
        }

        var taken = new FrameReadAhead().Frames(Counting(), CancellationToken.None).Take(5).Count();
        var after = Volatile.Read(ref produced);
        Thread.Sleep(100);

        Assert.Equal(5, taken);
        // At most the frames in flight (one waiting, one being made) beyond those taken, and none after the end.
        Assert.InRange(after, 5, 8);
        Assert.Equal(after, Volatile.Read(ref produced));
    }

    [Fact]
    public void Frames_Cancelled_ThrowsOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var frames = new FrameReadAhead().Frames(Source(1000, TimeSpan.FromMilliseconds(1)), cancel.Token);

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var frame in frames)
            {
                if (frame.Index == 3)
                {
                    cancel.Cancel();
                }
            }
        });
    }

    /// <summary>A source that, like the animators, rewrites one frame buffer: every byte of frame i is i.</summary>
    private static IEnumerable<RgbaFrame> Source(int count, TimeSpan delay)
    {
        var frame = new RgbaFrame(8, 8);
        for (var i = 0; i < count; i++)
        {
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }

            Array.Fill(frame.Pixels, (byte)i);
            frame.Index = i;
            yield return frame;
        }
    }
}
