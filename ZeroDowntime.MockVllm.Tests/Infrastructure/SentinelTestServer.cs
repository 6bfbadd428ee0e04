using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>
/// One throwaway Redis Sentinel (<c>redis-server CONFIG --sentinel</c>) on 127.0.0.1 that alone watches a primary and
/// may fail it over (quorum 1, 1 s to declare it down). Its config file lives in a temporary folder, since Sentinel
/// rewrites it. Needs redis-server; killed and cleaned up on dispose.
/// </summary>
internal sealed class SentinelTestServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private SentinelTestServer(int port, string directory, Process process)
    {
        Port = port;
        this.directory = directory;
        this.process = process;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<SentinelTestServer> StartAsync(RedisTestServer primary, string masterName = "mymaster")
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var directory = Directory.CreateTempSubdirectory("zd-sentinel-test-").FullName;
        var config = Path.Combine(directory, "sentinel.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture,
            $"bind 127.0.0.1\nport {port}\nprotected-mode no\nsentinel monitor {masterName} 127.0.0.1 {primary.Port} 1\n" +
            $"sentinel down-after-milliseconds {masterName} 1000\nsentinel failover-timeout {masterName} 5000\n"));
        var info = new ProcessStartInfo(RedisTestServer.RedisServerPath!) { ArgumentList = { config, "--sentinel" }, RedirectStandardOutput = true, RedirectStandardError = true };
        var started = Process.Start(info)!;
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        var sentinel = new SentinelTestServer(port, directory, started);
        await Eventually.MatchesAsync(sentinel.PrimaryAsync, p => p == primary.Address, Timeouts.ProcessStart, $"the sentinel at {sentinel.Address} names {primary.Address}");
        return sentinel;
    }

    /// <summary>The primary's host:port as this Sentinel names it; null when it does not answer.</summary>
    public async Task<string?> PrimaryAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
            {
                EndPoints = { Address },
                CommandMap = CommandMap.Sentinel,
                ConnectTimeout = 2000,
            });
            var primary = await redis.GetServer(redis.GetEndPoints()[0]).SentinelGetMasterAddressByNameAsync("mymaster");
            return primary is IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : null;
        }
        catch (RedisException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
