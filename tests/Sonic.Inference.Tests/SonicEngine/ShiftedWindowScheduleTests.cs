using Sonic.Inference.SonicEngine;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class ShiftedWindowScheduleTests
{
    private static int[] Run(int from, int toInclusive) => [.. Enumerable.Range(from, toInclusive - from + 1)];

    [Fact]
    public void Window_FirstStep_CutsConsecutiveNonOverlappingWindows()
    {
        var schedule = new ShiftedWindowSchedule(50);

        Assert.Equal(2, schedule.WindowsPerStep);
        Assert.Equal(Run(0, 24), schedule.Window(0, 0));
        Assert.Equal(Run(25, 49), schedule.Window(0, 1));
        Assert.All(schedule.Coverage(0), c => Assert.Equal(1, c));
    }

    [Fact]
    public void Window_SecondStep_ShiftsBackBySevenAndWrapsRound()
    {
        var schedule = new ShiftedWindowSchedule(50);

        Assert.Equal([.. Run(43, 49), .. Run(0, 17)], schedule.Window(1, 0));
        Assert.Equal(Run(18, 42), schedule.Window(1, 1));
        Assert.All(schedule.Coverage(1), c => Assert.Equal(1, c));
    }

    [Fact]
    public void Window_ManyStepsLater_ShiftAccumulatesModuloTheClip()
    {
        // Step 10 starts at −70 ≡ 30 (mod 50).
        var schedule = new ShiftedWindowSchedule(50);

        Assert.Equal([.. Run(30, 49), .. Run(0, 4)], schedule.Window(10, 0));
        Assert.Equal(Run(5, 29), schedule.Window(10, 1));
    }

    [Fact]
    public void Coverage_FrameCountNotAMultipleOfTheWindow_CountsTheFramesTheLastWindowWrapsOnto()
    {
        // N = 60: three windows cover 75 slots; at step 0 the last is 50..59 then 0..14.
        var schedule = new ShiftedWindowSchedule(60);

        Assert.Equal(3, schedule.WindowsPerStep);
        Assert.Equal([.. Run(50, 59), .. Run(0, 14)], schedule.Window(0, 2));
        var coverage = schedule.Coverage(0);
        Assert.All(coverage[..15], c => Assert.Equal(2, c));
        Assert.All(coverage[15..], c => Assert.Equal(1, c));

        // Step 1: starts −7, 18, 43 → the double cover moves to frames 43..57 (the last window is 43..59, 0..7).
        Assert.Equal([.. Run(43, 59), .. Run(0, 7)], schedule.Window(1, 2));
        var shifted = schedule.Coverage(1);
        Assert.Equal(75, shifted.Sum());
        for (var f = 0; f < 60; f++)
        {
            Assert.Equal(f is >= 53 or <= 7 ? 2 : 1, shifted[f]);
        }
    }

    [Fact]
    public void Window_FewerFramesThanTheWindow_RepeatsFramesInOrder()
    {
        var schedule = new ShiftedWindowSchedule(10);

        Assert.Equal(1, schedule.WindowsPerStep);
        Assert.Equal([.. Run(0, 9), .. Run(0, 9), .. Run(0, 4)], schedule.Window(0, 0));
        Assert.Equal([3, 3, 3, 3, 3, 2, 2, 2, 2, 2], schedule.Coverage(0));

        // Step 1 starts at −7 ≡ 3.
        Assert.Equal([.. Run(3, 9), .. Run(0, 9), .. Run(0, 7)], schedule.Window(1, 0));
        Assert.Equal([2, 2, 2, 3, 3, 3, 3, 3, 2, 2], schedule.Coverage(1));
    }

    [Fact]
    public void Window_SingleFrame_EveryPositionIsThatFrame()
    {
        var schedule = new ShiftedWindowSchedule(1);

        Assert.All(schedule.Window(3, 0), f => Assert.Equal(0, f));
        Assert.Equal([25], schedule.Coverage(3));
    }

    [Fact]
    public void PositiveModulo_NegativeValue_IsInRange()
    {
        Assert.Equal(3, ShiftedWindowSchedule.PositiveModulo(-7, 10));
        Assert.Equal(0, ShiftedWindowSchedule.PositiveModulo(-50, 25));
        Assert.Equal(4, ShiftedWindowSchedule.PositiveModulo(29, 25));
    }
}
