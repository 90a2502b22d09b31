using Sonic.Inference.SonicEngine.Parity;

namespace Sonic.Inference.Tests.SonicEngine.Parity;

public sealed class SonicParityComparerTests
{
    private static readonly SonicParityStage[] Dump =
    [
        new("crop_box", new SonicTensor([3], [10, 20, 300]), 2),
        new("log_mel", new SonicTensor([2, 2], [0.1f, 0.2f, 0.3f, 0.4f]), 1e-3),
        new("buckets", new SonicTensor([1, 2], [16, 17]), 0.02),
        new("latents_1", new SonicTensor([2], [0.5f, -0.5f]), 0.05),
    ];

    [Fact]
    public void Compare_AllWithinTolerance_IsOkEverywhere()
    {
        var rows = SonicParityComparer.Compare(Dump, Ours(("crop_box", [11, 21, 301]), ("log_mel", [0.1f, 0.2f, 0.3005f, 0.4f]), ("buckets", [16, 17]), ("latents_1", [0.5f, -0.49f])));

        Assert.All(rows, r => Assert.Equal(SonicParityVerdict.Ok, r.Verdict));
        Assert.Equal(0.0005, rows[1].MaxAbsDiff!.Value, 4);
    }

    [Fact]
    public void Compare_StopsAtTheFirstStageOff_AndNamesIt()
    {
        var rows = SonicParityComparer.Compare(Dump, Ours(("crop_box", [10, 20, 300]), ("log_mel", [0.1f, 0.2f, 0.3f, 0.4f]), ("buckets", [16, 19.5f]), ("latents_1", [9, 9])));

        Assert.Equal(
            [SonicParityVerdict.Ok, SonicParityVerdict.Ok, SonicParityVerdict.Off, SonicParityVerdict.NotCompared],
            rows.Select(r => r.Verdict));
        Assert.Equal(2.5, rows[2].MaxAbsDiff!.Value, 5);
        Assert.Contains("at flat index 1: ours 19.5, the dump's 17", rows[2].Detail, StringComparison.Ordinal);
        var table = SonicParityComparer.Format(rows);
        Assert.Contains("buckets", table, StringComparison.Ordinal);
        Assert.Contains("OFF", table, StringComparison.Ordinal);
        Assert.Contains("not compared", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ShapeOrMissingStage_IsOff_AndASkippedStageDoesNotStopTheRun()
    {
        var shape = SonicParityComparer.Compare(Dump, Ours(("crop_box", [10, 20, 300]), ("log_mel", [0.1f, 0.2f, 0.3f])));
        Assert.Equal(SonicParityVerdict.Off, shape[1].Verdict);
        Assert.Contains("shape [3], the dump's [2,2]", shape[1].Detail, StringComparison.Ordinal);

        var missing = SonicParityComparer.Compare(Dump, Ours(("crop_box", [10, 20, 300])));
        Assert.Contains("did not produce", missing[1].Detail, StringComparison.Ordinal);

        var skipped = SonicParityComparer.Compare(
            Dump, Ours(("crop_box", [40, 20, 300]), ("log_mel", [0.1f, 0.2f, 0.3f, 0.4f]), ("buckets", [16, 17]), ("latents_1", [0.5f, -0.5f])), new HashSet<string> { "crop_box" });
        Assert.Equal(SonicParityVerdict.Skipped, skipped[0].Verdict);
        Assert.All(skipped.Skip(1), r => Assert.Equal(SonicParityVerdict.Ok, r.Verdict));
    }

    private static Func<string, SonicTensor?> Ours(params (string Stage, float[] Values)[] stages)
    {
        var byName = stages.ToDictionary(s => s.Stage, s => s.Values);
        return name => byName.TryGetValue(name, out var v) ? new SonicTensor(name switch
        {
            "log_mel" when v.Length == 4 => [2, 2],
            "buckets" => [1, 2],
            _ => [v.Length],
        }, v) : null;
    }
}
