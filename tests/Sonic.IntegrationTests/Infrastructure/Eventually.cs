namespace Sonic.IntegrationTests.Infrastructure;

/// <summary>Polls a condition with a generous deadline (CI has two cores shared with other work).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe().ConfigureAwait(false) is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.\n{diagnostics?.Invoke()}");
            }

            await Task.Delay(250).ConfigureAwait(false);
        }
    }
}
