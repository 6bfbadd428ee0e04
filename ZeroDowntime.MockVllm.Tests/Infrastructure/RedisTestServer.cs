using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using StackExchange.Redis;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>
/// A throwaway RESP server process on 127.0.0.1 and a free port, started with the sample target's redis-server
/// arguments (no persistence): <c>redis-server</c> itself or the Garnet stand-in the local cluster runs when
/// redis-server is missing. Killed on dispose; <see cref="ReplaceAsync"/> swaps in a fresh, empty one on the same port.
/// </summary>
internal sealed class RedisTestServer : IAsyncDisposable
{
    private Process? process;

    private readonly IReadOnlyList<string> extraArgs;

    private RedisTestServer(RedisFlavour flavour, int port, string? password, IReadOnlyList<string> extraArgs, Process process)
    {
        Flavour = flavour;
        Port = port;
        Password = password;
        this.extraArgs = extraArgs;
        this.process = process;
    }

    /// <summary><c>redis-server</c> on PATH, or null.</summary>
    public static string? RedisServerPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>The Garnet stand-in's assembly, where this build put it (recorded by the test project file).</summary>
    public static string GarnetStandInPath { get; } =
        typeof(RedisTestServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GarnetStandInDll").Value!;

    public RedisFlavour Flavour { get; }

    public int Port { get; }

    public string? Password { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts a server; <paramref name="extraArgs"/> follow the sample target's arguments (e.g. <c>--replicaof</c>).</summary>
    public static async Task<RedisTestServer> StartAsync(RedisFlavour flavour, string? password = null, params string[] extraArgs)
    {
        var port = FreePort();
        var server = new RedisTestServer(flavour, port, password, extraArgs, Launch(flavour, port, password, extraArgs));
        try
        {
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server and starts a new, empty one on the same port, as when a Redis pod is replaced.</summary>
    public async Task ReplaceAsync()
    {
        await StopAsync();
        process = Launch(Flavour, Port, Password, extraArgs);
        await WaitUntilListeningAsync();
    }

    /// <summary>Kills the server (connections reset), leaving the port closed.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        process = null;
    }

    public async Task<string?> GetAsync(string key)
    {
        await using var redis = await ClientAsync();
        return await redis.GetDatabase().StringGetAsync(key);
    }

    public async Task SetAsync(string key, string value)
    {
        await using var redis = await ClientAsync();
        await redis.GetDatabase().StringSetAsync(key, value);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public override string ToString() => $"{Flavour} at {Address}";

    private Task<ConnectionMultiplexer> ClientAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Address }, Password = Password, ConnectTimeout = 5000 });

    private static Process Launch(RedisFlavour flavour, int port, string? password, IReadOnlyList<string> extraArgs)
    {
        var info = flavour == RedisFlavour.Garnet ? new ProcessStartInfo("dotnet") { ArgumentList = { GarnetStandInPath } } : new ProcessStartInfo(RedisServerPath!);
        string[] args = ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--protected-mode", "no", "--save", "", "--appendonly", "no"];
        foreach (var arg in (password is null ? args : [.. args, "--requirepass", password]).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var started = Process.Start(info)!;
        // Drain the output so a chatty server never blocks on a full pipe.
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private Task WaitUntilListeningAsync() =>
        Eventually.MatchesAsync(
            async () =>
            {
                if (process!.HasExited)
                {
                    throw new InvalidOperationException($"{this} exited with code {process.ExitCode} before listening");
                }
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, Port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            listening => listening,
            Timeouts.ProcessStart,
            $"{this} accepts connections");

    private static int FreePort()
    {
        // Neither server can report a port it picked itself, so borrow one from the kernel.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
