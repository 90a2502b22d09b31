using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Pipeline.Tests.Jobs;

public sealed class CacheGatesTests
{
    [Fact]
    public async Task SecondEntrant_OfTheSameKey_WaitsForTheFirst_OtherKeysDoNot()
    {
        var gates = new CacheGates();
        var first = await gates.EnterAsync("a", CancellationToken.None);

        var second = gates.EnterAsync("a", CancellationToken.None);
        using var other = await gates.EnterAsync("b", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        first.Dispose();
        first.Dispose(); // twice is once
        using var entered = await second.WaitAsync(TimeSpan.FromSeconds(5));
        var third = gates.EnterAsync("a", CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
    }
}
