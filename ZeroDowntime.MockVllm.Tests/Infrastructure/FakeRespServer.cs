using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>
/// A tiny in-memory RESP2 server on 127.0.0.1: PING, AUTH, GET, SET, DEL. Can require a password or go silent
/// (accept connections and never answer) to test timeouts.
/// </summary>
internal sealed class FakeRespServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;

    public FakeRespServer(string? password = null, bool silent = false)
    {
        Password = password;
        Silent = silent;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public string? Password { get; }

    public bool Silent { get; }

    public ConcurrentDictionary<string, string> Data { get; } = new();

    public ConcurrentQueue<string> Commands { get; } = new();

    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, new UTF8Encoding(false));
            var authenticated = Password is null;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var command = await ReadCommandAsync(reader);
                    if (command is null)
                    {
                        return;
                    }
                    Commands.Enqueue(command[0].ToUpperInvariant());
                    if (Silent)
                    {
                        continue;
                    }
                    var reply = Execute(command, ref authenticated);
                    var bytes = Encoding.UTF8.GetBytes(reply);
                    await stream.WriteAsync(bytes, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Client went away or server stopping.
            }
        }
    }

    private string Execute(string[] command, ref bool authenticated)
    {
        var name = command[0].ToUpperInvariant();
        if (name == "AUTH")
        {
            authenticated = command.Length == 2 && command[1] == Password;
            return authenticated ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
        }
        if (!authenticated)
        {
            return "-NOAUTH Authentication required.\r\n";
        }
        return name switch
        {
            "PING" => "+PONG\r\n",
            "SET" when command.Length == 3 => Set(command[1], command[2]),
            "GET" when command.Length == 2 => Data.TryGetValue(command[1], out var value) ? Bulk(value) : "$-1\r\n",
            "DEL" when command.Length == 2 => Data.TryRemove(command[1], out _) ? ":1\r\n" : ":0\r\n",
            _ => $"-ERR unknown command '{command[0]}'\r\n",
        };
    }

    private string Set(string key, string value)
    {
        Data[key] = value;
        return "+OK\r\n";
    }

    private static string Bulk(string value) => $"${Encoding.UTF8.GetByteCount(value)}\r\n{value}\r\n";

    private static async Task<string[]?> ReadCommandAsync(StreamReader reader)
    {
        var header = await reader.ReadLineAsync();
        if (header is null)
        {
            return null;
        }
        var count = int.Parse(header.AsSpan(1));
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = int.Parse((await reader.ReadLineAsync())!.AsSpan(1));
            var buffer = new char[length];
            var read = 0;
            // Bulk strings here are ASCII/JSON, so one char per byte holds for the lengths we send.
            while (read < length)
            {
                read += await reader.ReadAsync(buffer.AsMemory(read, length - read));
            }
            await reader.ReadLineAsync();
            parts[i] = new string(buffer);
        }
        return parts;
    }
}
