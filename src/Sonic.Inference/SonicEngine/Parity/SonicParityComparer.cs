using System.Globalization;

namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>
/// Compares a parity dump's stages with this engine's, in pipeline order, and stops at the first stage that is off:
/// every later stage depends on it, so its difference says where to look.
/// </summary>
public static class SonicParityComparer
{
    public static IReadOnlyList<SonicParityRow> Compare(
        IReadOnlyList<SonicParityStage> expected, Func<string, SonicTensor?> ours, IReadOnlySet<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(ours);
        var rows = new List<SonicParityRow>();
        var stopped = false;
        foreach (var stage in expected)
        {
            if (stopped)
            {
                rows.Add(new SonicParityRow(stage.Name, SonicParityVerdict.NotCompared, null, stage.Tolerance));
                continue;
            }

            var row = CompareOne(stage, ours(stage.Name));
            if (row.Verdict == SonicParityVerdict.Off && skip?.Contains(stage.Name) == true)
            {
                row = row with { Verdict = SonicParityVerdict.Skipped };
            }

            rows.Add(row);
            stopped = row.Verdict == SonicParityVerdict.Off;
        }

        return rows;
    }

    /// <summary>The rows as a table: stage | max abs diff | tolerance | ok.</summary>
    public static string Format(IReadOnlyList<SonicParityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var width = Math.Max(5, rows.Max(r => r.Stage.Length)) + 2;
        var lines = new List<string> { $"{"stage".PadRight(width)}{"max abs diff",-15}{"tolerance",-12}ok" };
        foreach (var row in rows)
        {
            var diff = row.MaxAbsDiff is { } d ? d.ToString("G4", CultureInfo.InvariantCulture) : "-";
            var verdict = row.Verdict switch
            {
                SonicParityVerdict.Ok => "ok",
                SonicParityVerdict.Off => "OFF",
                SonicParityVerdict.Skipped => "off (skipped)",
                _ => "not compared",
            };
            var detail = row.Detail.Length > 0 ? "  " + row.Detail : string.Empty;
            lines.Add($"{row.Stage.PadRight(width)}{diff,-15}{row.Tolerance.ToString("G4", CultureInfo.InvariantCulture),-12}{verdict}{detail}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static SonicParityRow CompareOne(SonicParityStage stage, SonicTensor? actual)
    {
        if (actual is null)
        {
            return new SonicParityRow(stage.Name, SonicParityVerdict.Off, null, stage.Tolerance, "this engine did not produce the stage");
        }

        var expected = stage.Values;
        if (!expected.Shape.SequenceEqual(actual.Shape))
        {
            return new SonicParityRow(stage.Name, SonicParityVerdict.Off, null, stage.Tolerance, $"shape {actual.ShapeText}, the dump's {expected.ShapeText}");
        }

        double worst = 0;
        var at = 0;
        for (var i = 0; i < expected.Values.Length; i++)
        {
            var diff = Math.Abs((double)expected.Values[i] - actual.Values[i]);
            if (diff > worst || double.IsNaN(diff))
            {
                worst = double.IsNaN(diff) ? double.PositiveInfinity : diff;
                at = i;
            }
        }

        var verdict = worst <= stage.Tolerance ? SonicParityVerdict.Ok : SonicParityVerdict.Off;
        var detail = verdict == SonicParityVerdict.Off
            ? string.Create(CultureInfo.InvariantCulture, $"at flat index {at}: ours {actual.Values[at]:G6}, the dump's {expected.Values[at]:G6}")
            : string.Empty;
        return new SonicParityRow(stage.Name, verdict, worst, stage.Tolerance, detail);
    }
}
