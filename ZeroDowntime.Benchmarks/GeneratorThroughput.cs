using System.Globalization;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Benchmarks;

/// <summary>Drives the built-in generator as hard as it goes: an arrival rate far above what it can reach, capped at the connection count.</summary>
public static class GeneratorThroughput
{
    /// <summary>The result of one run.</summary>
    /// <param name="AttemptsPerSecond">Recorded attempts per second of the schedule's duration.</param>
    /// <param name="Summary">The generator's own summary.</param>
    public sealed record Result(double AttemptsPerSecond, LoadSummary Summary)
    {
        /// <summary>Success rate, drops and p99, for the line's detail.</summary>
        public string Detail => string.Create(CultureInfo.InvariantCulture,
            $"builtin success {Summary.SuccessRate:P2}, dropped {Summary.DroppedIterations:#,0}, p99 {Summary.P99?.TotalMilliseconds:0.00} ms");
    }

    /// <summary>Runs the generator against <paramref name="uri"/> for <paramref name="duration"/> with at most <paramref name="connections"/> in flight.</summary>
    public static async Task<Result> RunAsync(Uri uri, int connections, TimeSpan duration)
    {
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        {
            Request = InferenceRequest.Completion(uri), Rate = 200_000, MaxConcurrency = connections, Duration = duration,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        await load.StartAsync().ConfigureAwait(false);
        await load.Completion.ConfigureAwait(false);
        var summary = await load.StopAsync().ConfigureAwait(false);
        return new Result(summary.Attempts / summary.Duration.TotalSeconds, summary);
    }
}
