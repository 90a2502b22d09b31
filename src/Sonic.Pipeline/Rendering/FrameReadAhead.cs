using System.Collections.Concurrent;
using System.Diagnostics;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// Runs a frame source one frame ahead on its own thread, so the animator (or the decoder) makes frame n + 1 while
/// frame n is composed and encoded: on two cores the stages overlap instead of taking turns. Frames are copied into
/// three recycled buffers (one being filled, one waiting, one with the consumer), so memory does not grow with
/// length. The source's exceptions reach the consumer as they were thrown; a consumer that stops early stops the
/// source and waits for it, so the source is never used after the enumeration ends.
/// </summary>
public sealed class FrameReadAhead
{
    private const int Buffers = 3;

    /// <summary>Seconds the source spent making frames (on its own thread).</summary>
    public double SourceSeconds { get; private set; }

    public IEnumerable<RgbaFrame> Frames(IEnumerable<RgbaFrame> source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var ready = new BlockingCollection<RgbaFrame>(boundedCapacity: 1);
        using var free = new BlockingCollection<RgbaFrame>();
        var producer = Task.Factory.StartNew(() => Produce(source, ready, free, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (true)
            {
                if (!ready.TryTake(out var frame, Timeout.Infinite, stop.Token))
                {
                    break;
                }

                yield return frame!;
                free.Add(frame!, CancellationToken.None);
            }

            // The source finished or failed: rethrow its exception as it was thrown.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already surfaced above, or a cancellation caused by the consumer stopping.
            }
        }
    }

    private void Produce(IEnumerable<RgbaFrame> source, BlockingCollection<RgbaFrame> ready, BlockingCollection<RgbaFrame> free, CancellationToken cancellationToken)
    {
        var made = 0;
        try
        {
            using var frames = source.GetEnumerator();
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var more = frames.MoveNext();
                SourceSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (!more)
                {
                    return;
                }

                var frame = frames.Current;
                var copy = made++ < Buffers ? new RgbaFrame(frame.Width, frame.Height) : free.Take(cancellationToken);
                if (copy.Width != frame.Width || copy.Height != frame.Height)
                {
                    copy = new RgbaFrame(frame.Width, frame.Height);
                }

                frame.Pixels.CopyTo(copy.Pixels, 0);
                copy.Index = frame.Index;
                ready.Add(copy, cancellationToken);
            }
        }
        finally
        {
            ready.CompleteAdding();
        }
    }
}
