namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>The one wait primitive: poll until a condition holds or a named deadline passes, then say what was last seen.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(50);

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, TimeSpan timeout, string expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = default!;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await observe();
                lastError = null;
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = ex;
            }
            if (DateTime.UtcNow >= deadline)
            {
                var seen = lastError is not null ? $"last error: {lastError.Message}" : $"last observed: {last}";
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#}s waiting until {expectation}; {seen}");
            }
            // Polling period of the wait primitive, not a settle delay.
            await Task.Delay(PollPeriod);
        }
    }
}
