using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.MockVllm.Redis;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>A throwaway <c>redis-server</c> on 127.0.0.1 and a free port, no persistence, killed on dispose.</summary>
internal sealed class RealRedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RealRedisServer(Process process, int port)
    {
        this.process = process;
        Address = $"127.0.0.1:{port}";
    }

    public static string? ExecutablePath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    public string Address { get; }

    public static async Task<RealRedisServer> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo(ExecutablePath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }
        var server = new RealRedisServer(Process.Start(info)!, port);
        try
        {
            await Eventually.MatchesAsync(
                async () =>
                {
                    try
                    {
                        await using var client = await RespClient.ConnectAsync(server.Address, TimeSpan.FromSeconds(1), CancellationToken.None);
                        await client.PingAsync();
                        return true;
                    }
                    catch (Exception ex) when (ex is SocketException or RespException or TimeoutException)
                    {
                        return false;
                    }
                },
                up => up,
                Timeouts.ProcessStart,
                $"redis-server answers PING on {server.Address}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
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
    }

    private static int FreePort()
    {
        // redis-server cannot report a port it picked itself, so borrow one from the kernel.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
