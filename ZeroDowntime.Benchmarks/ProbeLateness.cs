using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Benchmarks;

/// <summary>How late the availability probe starts its attempts against their open-loop due times.</summary>
public static class ProbeLateness
{
    /// <summary>Runs a keep-alive probe at <paramref name="rate"/>/s for <paramref name="duration"/>; returns each attempt's start - due time.</summary>
    public static async Task<List<TimeSpan>> MeasureAsync(Uri uri, double rate, TimeSpan duration)
    {
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(uri), new AvailabilityProbeOptions { Rate = rate, ConnectionMode = ConnectionMode.KeepAlive });
        probe.Start();
        await Task.Delay(duration).ConfigureAwait(false); // the benchmark's measuring time
        var attempts = await probe.StopAsync().ConfigureAwait(false);
        return attempts.Select(a => a.Start - probe.DueTime(a.Sequence)).ToList();
    }
}
