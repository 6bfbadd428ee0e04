using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.Fixtures.Datastore;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>
/// A primary, a replica and one Sentinel (quorum 1, 1 s to declare the primary down) as real redis-server processes on
/// 127.0.0.1 and free ports, configured like the sample target (diskless sync without delay, announced addresses).
/// Everything is killed and its files removed on dispose.
/// </summary>
internal sealed class RedisTrio : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zd-ledger-test-").FullName;
    private readonly List<Process> _processes = [];

    public int PrimaryPort { get; } = FreePort();

    public int ReplicaPort { get; } = FreePort();

    public int SentinelPort { get; } = FreePort();

    public string Primary => $"127.0.0.1:{PrimaryPort}";

    public string Replica => $"127.0.0.1:{ReplicaPort}";

    public string Sentinel => $"127.0.0.1:{SentinelPort}";

    public static async Task<RedisTrio> StartAsync(SentinelDatastore? observer = null)
    {
        var trio = new RedisTrio();
        try
        {
            trio.Launch(RedisArgs(trio.PrimaryPort));
            trio.Launch([.. RedisArgs(trio.ReplicaPort), "--replicaof", "127.0.0.1", Text(trio.PrimaryPort)]);
            var config = Path.Combine(trio._directory, "sentinel.conf");
            await File.WriteAllTextAsync(config, $"bind 127.0.0.1\nport {Text(trio.SentinelPort)}\nprotected-mode no\n" +
                $"sentinel monitor mymaster 127.0.0.1 {Text(trio.PrimaryPort)} 1\nsentinel down-after-milliseconds mymaster 1000\nsentinel failover-timeout mymaster 10000\n" +
                $"logfile {Path.Combine(trio._directory, "sentinel.log")}\n");
            trio.Launch([config, "--sentinel"]);
            await using var datastore = new SentinelDatastore([trio.Sentinel], "mymaster", TimeSpan.FromSeconds(1));
            // A Sentinel promotes only a replica it has learnt about from the primary's INFO.
            await Until(async () => (await datastore.AskPrimaryAsync()).Primary == trio.Primary
                && (await datastore.ReplicationAsync(trio.Primary)).OnlineReplicas.Count == 1
                && (await datastore.SentinelReplicasAsync()).Any(r => r.Address == trio.Replica && r.Flags == "slave"), "the Sentinel names the primary and knows the online replica");
            return trio;
        }
        catch
        {
            await trio.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Sentinel's log so far (for a failure message).</summary>
    public string SentinelLog() => File.Exists(Path.Combine(_directory, "sentinel.log")) ? File.ReadAllText(Path.Combine(_directory, "sentinel.log")) : "(no log)";

    /// <summary>Kills the primary's process at once (SIGKILL): nothing it held in memory survives.</summary>
    public void KillPrimary() => _processes[0].Kill();

    /// <summary>Polls <paramref name="holds"/> every 100 ms for up to 30 s (Redis has no watch).</summary>
    public static async Task Until(Func<Task<bool>> holds, string what, Func<string>? evidence = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await Safe(holds))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Timed out after 30 s waiting until {what}. {evidence?.Invoke()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<bool> Safe(Func<Task<bool>> holds)
    {
        try
        {
            return await holds();
        }
        catch (Exception e) when (SentinelDatastore.IsRedisFailure(e))
        {
            return false;
        }
    }

    private static string[] RedisArgs(int port) =>
        ["--bind", "127.0.0.1", "--port", Text(port), "--protected-mode", "no", "--save", "", "--appendonly", "no",
         "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0", "--replica-announce-ip", "127.0.0.1"];

    private void Launch(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(ImageMappings.FindExecutable("redis-server")!) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
