using System.Diagnostics;
using System.Globalization;
using System.Net;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Serving;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>--cpu-per-token-ms: inference costs real CPU, counted in CPU time, so load shows as usage.</summary>
public sealed class CpuPerTokenTests
{
    [Fact]
    public void The_option_reads_fractional_milliseconds_from_the_flag_or_the_environment()
    {
        MockVllmOptions.Parse(["--cpu-per-token-ms", "0.06"], new Dictionary<string, string?>()).CpuPerToken.Should().Be(TimeSpan.FromMicroseconds(60));
        MockVllmOptions.Parse([], new Dictionary<string, string?> { ["ZD_CPU_PER_TOKEN_MS"] = "2" }).CpuPerToken.Should().Be(TimeSpan.FromMilliseconds(2));
        MockVllmOptions.Parse([], new Dictionary<string, string?>()).CpuPerToken.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_burn_spends_that_much_of_the_threads_cpu_as_the_kernel_counts_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/thread-self is Linux's; the burner falls back to wall time elsewhere
        }

        var (before, after) = (0L, 0L);
        var thread = new Thread(() =>
        {
            before = ThreadTicks();
            CpuBurner.Burn(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            after = ThreadTicks();
        });
        thread.Start();
        thread.Join();

        // Ticks are 10 ms; the burner checks its clock every few microseconds.
        ((after - before) * 10).Should().BeInRange(190, 240);
    }

    [Fact]
    public async Task Each_requested_token_costs_its_cpu_inside_the_request()
    {
        await using var node = await InProcessNode.StartAsync("--cpu-per-token-ms", "4", "--token-latency-ms", "0");
        using (await node.InferAsync(maxTokens: 1))
        {
            // Warm up: the first request also pays for the JIT.
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var response = await node.InferAsync(maxTokens: 50);
        clock.Stop();
        var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // 50 tokens x 4 ms = 200 ms of CPU, which also takes at least that long on the clock.
        spent.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195));
    }

    private static long ThreadTicks()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
    }
}
