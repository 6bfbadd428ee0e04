using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Benchmarks;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// The figures docs/measurement.md reports, through the same code as <c>ZeroDowntime.Benchmarks</c> (docs/performance.md).
/// Numbers go to the test output; the asserts only catch gross regressions.
/// </summary>
[Trait("Category", "Benchmark")]
public class MeasurementBenchmarks(ITestOutputHelper output)
{
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(5);

    [BenchmarkFact]
    public async Task Probe_schedule_jitter_at_20_and_200_per_second()
    {
        await using var target = await TrivialEndpoint.StartAsync();
        foreach (var rate in new[] { 20.0, 200.0 })
        {
            var lateness = await ProbeLateness.MeasureAsync(target.Uri, rate, RunFor);
            var p50 = Percentiles.NearestRank(lateness, 50)!.Value;
            var p99 = Percentiles.NearestRank(lateness, 99)!.Value;
            var max = lateness.Max();
            output.WriteLine(FormattableString.Invariant($"probe {rate}/s: {lateness.Count} attempts, start lateness p50 {p50.TotalMilliseconds:0.000} ms, p99 {p99.TotalMilliseconds:0.000} ms, max {max.TotalMilliseconds:0.000} ms"));
            p99.Should().BeLessThan(TimeSpan.FromSeconds(1 / rate), "schedule jitter must stay under one period");
        }
    }

    [BenchmarkFact]
    public async Task Built_in_generator_throughput_against_wrk_on_the_same_target()
    {
        await using var target = await TrivialEndpoint.StartAsync();
        const int connections = 64;
        var result = await GeneratorThroughput.RunAsync(target.Uri, connections, RunFor);
        var summary = result.Summary;
        var builtin = result.AttemptsPerSecond;
        output.WriteLine(FormattableString.Invariant($"builtin: {summary.Attempts} attempts in {summary.Duration.TotalSeconds:0.00} s = {builtin:0} attempts/s ({result.Detail})"));

        var wrk = await Wrk.RequestsPerSecondAsync(target.Uri, connections, RunFor);
        output.WriteLine(wrk is null ? "wrk: not on PATH" : FormattableString.Invariant($"wrk -t2 -c{connections}: {wrk:0} requests/s; builtin/wrk = {builtin / wrk:0.00}"));
        summary.SuccessRate.Should().Be(1);
    }

    [BenchmarkFact]
    public void Memory_per_100000_recorded_attempts()
    {
        var bytes = AttemptLogMemory.MeasureBytes();
        output.WriteLine(FormattableString.Invariant($"AttemptLog: {bytes / 1024.0 / 1024.0:0.00} MiB per 100,000 attempts ({bytes / 100_000.0:0.0} bytes each; struct size {AttemptLogMemory.RecordSize} bytes)"));
        bytes.Should().BeLessThan(16 * 1024 * 1024);
    }
}
