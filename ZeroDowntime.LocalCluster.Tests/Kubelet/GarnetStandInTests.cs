using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

/// <summary>The Garnet stand-in for redis-server (<c>garnet/ZeroDowntime.Garnet.dll</c>) as the kubelet runs it: a real process.</summary>
public sealed class GarnetStandInTests
{
    private const int SigInt = 2;
    private const string Accepted = "--bind, --port, --protected-mode, --save, --appendonly and --requirepass";

    [Theory]
    [InlineData(new[] { "--maxmemory", "100mb" }, $"Unknown redis-server option '--maxmemory': the Garnet stand-in for redis-server accepts {Accepted}.")]
    [InlineData(new[] { "--port", "7000", "--loglevel", "warning" }, $"Unknown redis-server option '--loglevel': the Garnet stand-in for redis-server accepts {Accepted}.")]
    [InlineData(new[] { "/etc/redis/redis.conf", "--port", "7000" },
        $"The Garnet stand-in for redis-server reads no config file or short option ('/etc/redis/redis.conf'); pass settings as --name value ({Accepted}).")]
    [InlineData(new[] { "--port", "70000" }, "Invalid --port '70000': expected a TCP port from 1 to 65535.")]
    [InlineData(new[] { "--port", "1", "2" }, "Option --port takes exactly one value, got 2.")]
    [InlineData(new[] { "--bind", "redis.local" }, "Invalid --bind address 'redis.local': expected an IP address, '*' or '::*'.")]
    [InlineData(new[] { "--protected-mode", "maybe" }, "Invalid --protected-mode 'maybe': expected yes or no.")]
    [InlineData(new[] { "--appendonly" }, "Option --appendonly takes exactly one value, got 0.")]
    [InlineData(new[] { "--save", "3600" }, "Invalid --save '3600': expected \"\" or SECONDS CHANGES pairs.")]
    public async Task A_bad_redis_server_option_exits_1_with_one_sentence_naming_it(string[] args, string sentence)
    {
        using var process = Start(args);

        var (code, stdout, stderr) = await ExitOfAsync(process);

        code.Should().Be(1, "redis-server exits 1 for a bad option");
        stderr.Trim().Should().Be(sentence);
        stdout.Should().BeEmpty("nothing starts");
    }

    [Fact]
    public async Task The_sample_targets_arguments_start_Garnet_which_says_so_serves_RESP_stays_small_and_exits_0_on_SIGTERM()
    {
        var port = FreePort();
        using var process = Start("--bind", "127.0.0.1", "--port", port, "--protected-mode", "no", "--save", "", "--appendonly", "no", "--requirepass", "s3cret");
        try
        {
            var first = await FirstLineAsync(process);
            string noAuth, auth, set, get;
            using (var redis = await RespConnection.OpenAsync("127.0.0.1", int.Parse(port, CultureInfo.InvariantCulture)))
            {
                noAuth = await redis.SendAsync("GET", "k");
                auth = await redis.SendAsync("AUTH", "s3cret");
                set = await redis.SendAsync("SET", "k", "value");
                get = await redis.SendAsync("GET", "k");
            }

            var rssMb = ResidentMegabytes(process.Id);
            NativeSignals.Send(process.Id, NativeSignals.SigTerm).Should().BeTrue();
            var (code, rest, stderr) = await ExitOfAsync(process);

            first.Should().MatchRegex($@"^Garnet \d+\.\d+\.\d+ standing in for redis-server, listening on 127\.0\.0\.1:{port} \(password required\); data in memory only \(up to 32 MB\)$");
            noAuth.Should().StartWith("-NOAUTH");
            (auth, set, get).Should().Be(("+OK", "+OK", "value"));
            rssMb.Should().BeLessThan(150, "the stand-in is sized for three per sample target");
            code.Should().Be(0, "a SIGTERM is a clean stop, as for redis-server; stderr: {0}", stderr);
            rest.Trim().Split('\n').Should().Equal("received SIGTERM; stopping Garnet", "stopped");
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task Without_bind_it_listens_on_loopback_in_protected_mode_says_persistence_is_not_emulated_and_exits_0_on_SIGINT()
    {
        var port = FreePort();
        using var process = Start("--port", port, "--save", "3600 1 300 100", "--appendonly", "yes");
        try
        {
            var first = await FirstLineAsync(process);
            string pong;
            using (var redis = await RespConnection.OpenAsync("127.0.0.1", int.Parse(port, CultureInfo.InvariantCulture)))
            {
                pong = await redis.SendAsync("PING");
            }

            NativeSignals.Send(process.Id, SigInt).Should().BeTrue();
            var (code, rest, _) = await ExitOfAsync(process);

            first.Should().MatchRegex($@"^Garnet \d+\.\d+\.\d+ standing in for redis-server, listening on 127\.0\.0\.1:{port}; data in memory only \(up to 32 MB\)$");
            pong.Should().Be("+PONG");
            code.Should().Be(0);
            rest.Trim().Split('\n').Should().Equal(
                "--save \"3600 1 300 100\" is accepted but not emulated: the Garnet stand-in keeps data in memory only",
                "--appendonly yes is accepted but not emulated: the Garnet stand-in keeps data in memory only",
                "received SIGINT; stopping Garnet",
                "stopped");
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task Started_with_SIGINT_ignored_as_a_background_job_is_it_still_stops_on_SIGINT_like_redis_server()
    {
        // A shell without job control starts `cmd &` with SIGINT ignored, and exec keeps that; .NET would keep it too.
        var port = FreePort();
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "trap '' INT; exec dotnet \"$0\" \"$@\"", StandInPath, "--port", port })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            await FirstLineAsync(process);
            NativeSignals.Send(process.Id, SigInt).Should().BeTrue();
            var (code, rest, stderr) = await ExitOfAsync(process);

            code.Should().Be(0, "stderr: {0}", stderr);
            rest.Trim().Split('\n').Should().Equal("received SIGINT; stopping Garnet", "stopped");
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task A_port_in_use_exits_1_with_one_sentence()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        using var process = Start("--bind", "127.0.0.1", "--port", port);

        var (code, _, stderr) = await ExitOfAsync(process);

        code.Should().Be(1);
        stderr.Trim().Split('\n')[^1].Should().MatchRegex($@"^Garnet \d+\.\d+\.\d+ could not listen on 127\.0\.0\.1:{port}: .+");
    }

    internal static string StandInPath => Path.Combine(AppContext.BaseDirectory, "garnet", "ZeroDowntime.Garnet.dll");

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(StandInPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> FirstLineAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(Timeouts.PodReady);
        return await process.StandardOutput.ReadLineAsync(deadline.Token)
            ?? throw new InvalidOperationException($"the stand-in exited without a line: {await process.StandardError.ReadToEndAsync(deadline.Token)}");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> ExitOfAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(Timeouts.PodGone);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FreePort()
    {
        // The stand-in, like redis-server, cannot report a port it picked itself: borrow one from the kernel.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    private static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
