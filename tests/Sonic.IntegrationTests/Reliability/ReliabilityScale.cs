using System.Globalization;

namespace Sonic.IntegrationTests.Reliability;

/// <summary>
/// How big the reliability runs are. CI runs them small (within the suite's time budget); <c>bench/reliability.sh</c>
/// sets the full sizes of the issue (50 jobs, 10 crashes per stage) and collects the figures the tests write.
/// </summary>
public static class ReliabilityScale
{
    /// <summary>Jobs submitted at once in the load test (<c>SONIC_RELIABILITY_JOBS</c>, default 10).</summary>
    public static int Jobs => Read("SONIC_RELIABILITY_JOBS", 10);

    /// <summary>Crashes per stage in the crash matrix (<c>SONIC_RELIABILITY_CRASHES</c>, default 1).</summary>
    public static int CrashesPerStage => Read("SONIC_RELIABILITY_CRASHES", 1);

    /// <summary>Appends one line of figures to <c>SONIC_RELIABILITY_REPORT</c> when set (the bench prints that file).</summary>
    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("SONIC_RELIABILITY_REPORT") is { Length: > 0 } path)
        {
            lock (typeof(ReliabilityScale))
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
