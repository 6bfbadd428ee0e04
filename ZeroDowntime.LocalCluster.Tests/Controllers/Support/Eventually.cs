using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>
/// The one wait primitive: re-checks a condition after every store change until it holds or the
/// named deadline passes; on timeout the message says what was expected and the last state seen.
/// </summary>
internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static async Task HoldsAsync(ClusterApi api, string expectation, Func<bool> condition, TimeSpan timeout, Func<string>? state = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var rv = api.Store.ResourceVersion;
            if (condition())
            {
                return;
            }

            try
            {
                await api.Store.WaitForChangeAsync(rv, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                if (condition())
                {
                    return;
                }

                throw new TimeoutException($"Expected {expectation} within {timeout.TotalSeconds:0} s; last state: {state?.Invoke() ?? "n/a"}");
            }
        }
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static async Task<T> ReturnsAsync<T>(ClusterApi api, string expectation, Func<T?> probe, TimeSpan timeout, Func<string>? state = null)
        where T : class
    {
        T? value = null;
        await HoldsAsync(api, expectation, () => (value = probe()) is not null, timeout, state);
        return value!;
    }
}
