using System.Diagnostics;
using System.Net;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.LocalCluster.Networking;

namespace ZeroDowntime.Benchmarks;

/// <summary>The comparisons <c>ZeroDowntime.Benchmarks</c> runs, by subcommand. Everything stays on loopback.</summary>
public static class Comparisons
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    /// <summary>Subcommand -> its comparisons, in the order <c>all</c> runs them.</summary>
    public static IReadOnlyList<(string Command, IReadOnlyList<Comparison> Lines)> All =>
    [
        ("generator", [GeneratorVsWrk]),
        ("proxy", [ProxyVsDirect, ProxyVsDirectInference]),
        ("jitter", [ProbeJitter(20), ProbeJitter(200)]),
        ("memory", [AttemptMemory]),
    ];

    /// <summary>The built-in load generator (open loop, far above what it can reach) vs wrk, same endpoint, same connections.</summary>
    public static Comparison GeneratorVsWrk { get; } = new("generator-vs-wrk", "builtin attempts/s", "wrk requests/s", async settings =>
    {
        if (Wrk.Find() is null)
        {
            return null;
        }

        await using var target = await TrivialEndpoint.StartAsync().ConfigureAwait(false);
        // Untimed first second: wrk runs second, against an endpoint the generator has already warmed up (JIT tiers,
        // pools); without this the first run timed the generator's cold start and the endpoint's together.
        await GeneratorThroughput.RunAsync(target.Uri, settings.Connections, Warmup).ConfigureAwait(false);
        var builtin = await GeneratorThroughput.RunAsync(target.Uri, settings.Connections, settings.Duration).ConfigureAwait(false);
        var wrk = await Wrk.RequestsPerSecondAsync(target.Uri, settings.Connections, settings.Duration).ConfigureAwait(false);
        return wrk is null ? null : new Measurement(builtin.AttemptsPerSecond, wrk.Value, builtin.Detail + $", c={settings.Connections}");
    }, Wrk.InstallHint);

    /// <summary>wrk through the embedded load balancer (<see cref="TcpServiceProxy"/>) vs wrk straight to the trivial endpoint, with CPU per request of this process (endpoint + proxy) for each.</summary>
    public static Comparison ProxyVsDirect { get; } = new("proxy-vs-direct (trivial)", "via load balancer req/s", "direct req/s", async settings =>
    {
        if (Wrk.Find() is null)
        {
            return null;
        }

        await using var target = await TrivialEndpoint.StartAsync().ConfigureAwait(false);
        return await ThroughProxyAsync(target.Uri, settings, "CPU of endpoint+proxy per request", "Kestrel alone").ConfigureAwait(false);
    }, Wrk.InstallHint);

    /// <summary>The same on inference: a standalone MockVllm worker (its own process; 50 tokens at 2 ms each per request).</summary>
    public static Comparison ProxyVsDirectInference { get; } = new("proxy-vs-direct (inference, MockVllm)", "via load balancer req/s", "direct req/s", async settings =>
    {
        if (Wrk.Find() is null)
        {
            return null;
        }

        await using var worker = await MockVllmProcess.StartAsync().ConfigureAwait(false);
        return await ThroughProxyAsync(worker.Uri, settings, "CPU of the proxy per request", directLabel: null).ConfigureAwait(false);
    }, Wrk.InstallHint);

    /// <summary>Memory of the attempt log per 100,000 records vs the records' own size (the ideal, an array of structs).</summary>
    public static Comparison AttemptMemory { get; } = new("memory per 100,000 attempts", "AttemptLog MiB", "bare struct array MiB", _ =>
    {
        var bytes = AttemptLogMemory.MeasureBytes();
        var size = AttemptLogMemory.RecordSize;
        const double MiB = 1024.0 * 1024.0;
        return Task.FromResult<Measurement?>(new Measurement(bytes / MiB, size * (double)AttemptLogMemory.Attempts / MiB, FormattableString.Invariant($"{bytes / (double)AttemptLogMemory.Attempts:0.0} bytes per attempt, struct {size} bytes")));
    });

    /// <summary>The availability probe's start lateness (actual start - due time) at <paramref name="rate"/>/s: p99 vs one period.</summary>
    public static Comparison ProbeJitter(double rate) => new(FormattableString.Invariant($"probe jitter at {rate}/s"), "p99 start lateness ms", "period ms", async settings =>
    {
        await using var target = await TrivialEndpoint.StartAsync().ConfigureAwait(false);
        var lateness = await ProbeLateness.MeasureAsync(target.Uri, rate, settings.Duration).ConfigureAwait(false);
        var p50 = Percentiles.NearestRank(lateness, 50)!.Value;
        var p99 = Percentiles.NearestRank(lateness, 99)!.Value;
        return new Measurement(p99.TotalMilliseconds, 1000 / rate, FormattableString.Invariant($"p50 {p50.TotalMilliseconds:0.000} ms, max {lateness.Max().TotalMilliseconds:0.000} ms, {lateness.Count} attempts"));
    });

    private static async Task<Measurement?> ThroughProxyAsync(Uri uri, BenchmarkSettings settings, string cpuLabel, string? directLabel)
    {
        var direct = await CpuMeteredWrkAsync(uri, settings).ConfigureAwait(false);
        await using var proxy = new TcpServiceProxy(new IPEndPoint(IPAddress.Loopback, 0), TimeSpan.Zero, TimeSpan.FromSeconds(5));
        proxy.SetBackends([new IPEndPoint(IPAddress.Loopback, uri.Port)]);
        var viaProxy = await CpuMeteredWrkAsync(new UriBuilder(uri) { Port = proxy.Endpoint.Port }.Uri, settings).ConfigureAwait(false);
        if (direct is null || viaProxy is null)
        {
            return null;
        }

        // With the endpoint in its own process (directLabel null), this process's CPU is the proxy's alone.
        var proxyMicros = viaProxy.Value.CpuMicros - direct.Value.CpuMicros;
        return new Measurement(viaProxy.Value.Rate, direct.Value.Rate, directLabel is null
            ? FormattableString.Invariant($"{cpuLabel} {proxyMicros:0.0} us, c={settings.Connections}")
            : FormattableString.Invariant($"{cpuLabel} {viaProxy.Value.CpuMicros:0.0} us vs {directLabel} {direct.Value.CpuMicros:0.0} us (proxy +{proxyMicros:0.0} us), c={settings.Connections}"));
    }

    private static async Task<(double Rate, double CpuMicros)?> CpuMeteredWrkAsync(Uri uri, BenchmarkSettings settings)
    {
        var cpuBefore = CpuTime();
        var started = Stopwatch.GetTimestamp();
        var rate = await Wrk.RequestsPerSecondAsync(uri, settings.Connections, settings.Duration).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = CpuTime() - cpuBefore;
        // wrk runs in its own process, so this process's CPU is the endpoint's (and the proxy's) alone.
        return rate is null ? null : (rate.Value, cpu.TotalMicroseconds / (rate.Value * elapsed.TotalSeconds));
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
