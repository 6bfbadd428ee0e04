using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>The figures docs/measurement.md reports. Numbers go to the test output; the asserts only catch gross regressions.</summary>
[Trait("Category", "Benchmark")]
public partial class MeasurementBenchmarks(ITestOutputHelper output)
{
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(5);

    [BenchmarkFact]
    public async Task Probe_schedule_jitter_at_20_and_200_per_second()
    {
        await using var target = await FastTarget.StartAsync();
        foreach (var rate in new[] { 20.0, 200.0 })
        {
            await using var probe = new AvailabilityProbe(InferenceRequest.Completion(target.Uri), new AvailabilityProbeOptions { Rate = rate, ConnectionMode = ConnectionMode.KeepAlive });
            probe.Start();
            await Task.Delay(RunFor); // the benchmark's measuring time
            var attempts = await probe.StopAsync();
            var lateness = attempts.Select(a => a.Start - probe.DueTime(a.Sequence)).ToList();
            var p50 = Percentiles.NearestRank(lateness, 50)!.Value;
            var p99 = Percentiles.NearestRank(lateness, 99)!.Value;
            var max = lateness.Max();
            output.WriteLine(FormattableString.Invariant($"probe {rate}/s: {attempts.Count} attempts, start lateness p50 {p50.TotalMilliseconds:0.000} ms, p99 {p99.TotalMilliseconds:0.000} ms, max {max.TotalMilliseconds:0.000} ms"));
            p99.Should().BeLessThan(TimeSpan.FromSeconds(1 / rate), "schedule jitter must stay under one period");
        }
    }

    [BenchmarkFact]
    public async Task Built_in_generator_throughput_against_wrk_on_the_same_target()
    {
        await using var target = await FastTarget.StartAsync();
        const int connections = 64;
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        {
            Request = InferenceRequest.Completion(target.Uri), Rate = 50_000, MaxConcurrency = connections, Duration = RunFor,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        await load.StartAsync();
        await load.Completion;
        var summary = await load.StopAsync();
        var builtin = summary.Attempts / summary.Duration.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"builtin: {summary.Attempts} attempts in {summary.Duration.TotalSeconds:0.00} s = {builtin:0} attempts/s (success {summary.SuccessRate:P2}, dropped {summary.DroppedIterations}, p99 {summary.P99?.TotalMilliseconds:0.00} ms)"));

        var wrk = await RunWrkAsync(target.Uri, connections);
        output.WriteLine(wrk is null ? "wrk: not on PATH" : FormattableString.Invariant($"wrk -t2 -c{connections}: {wrk:0} requests/s; builtin/wrk = {builtin / wrk:0.00}"));
        summary.SuccessRate.Should().Be(1);
    }

    [BenchmarkFact]
    public void Memory_per_100000_recorded_attempts()
    {
        var record = new AttemptRecord(AttemptSources.Probe, 0, MeasurementClock.UtcNow, TimeSpan.FromMilliseconds(3), AttemptOutcome.Success, 200, AttemptErrorKind.None);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var log = new AttemptLog();
        for (var i = 0; i < 100_000; i++)
        {
            log.Add(record with { Sequence = i });
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(log);
        var bytes = after - before;
        output.WriteLine(FormattableString.Invariant($"AttemptLog: {bytes / 1024.0 / 1024.0:0.00} MiB per 100,000 attempts ({bytes / 100_000.0:0.0} bytes each; struct size {System.Runtime.CompilerServices.Unsafe.SizeOf<AttemptRecord>()} bytes)"));
        bytes.Should().BeLessThan(16 * 1024 * 1024);
    }

    private static async Task<double?> RunWrkAsync(Uri uri, int connections)
    {
        var wrk = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
        if (wrk is null)
        {
            return null;
        }

        var lua = Path.GetTempFileName();
        await File.WriteAllTextAsync(lua, $"wrk.method = \"POST\"\nwrk.body = '{InferenceRequest.Completion(uri).JsonBody}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        try
        {
            using var process = Process.Start(new ProcessStartInfo(wrk, ["-t2", $"-c{connections}", $"-d{RunFor.TotalSeconds:0}s", "-s", lua, uri.ToString()]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = RequestsPerSecond().Match(text);
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            File.Delete(lua);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    /// <summary>A minimal Kestrel endpoint on 127.0.0.1 that answers every request with a generated_text at once.</summary>
    private sealed class FastTarget : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FastTarget(WebApplication app, Uri uri)
        {
            _app = app;
            Uri = uri;
        }

        public Uri Uri { get; }

        public static async Task<FastTarget> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/VLLMDeployment", () => Microsoft.AspNetCore.Http.Results.Text("""{"generated_text":"Paris"}""", "application/json"));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FastTarget(app, new Uri(new Uri(address), "/VLLMDeployment"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
