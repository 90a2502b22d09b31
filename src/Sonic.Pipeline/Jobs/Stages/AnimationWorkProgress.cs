namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Inference progress in frames' worth of work: the animator's own estimate when it gives one (Sonic spends most of
/// a job before its first frame), else the frames written so far.
/// </summary>
internal sealed class AnimationWorkProgress(IProgress<(int Done, int Total)> target, int total) : IProgress<double>
{
    private bool animatorReports;

    public void Report(double value)
    {
        animatorReports = true;
        target.Report(((int)Math.Round(Math.Clamp(value, 0, 1) * total), total));
    }

    public void FramesWritten(int done)
    {
        if (!animatorReports)
        {
            target.Report((done, total));
        }
    }
}
