using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Probes;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 built on a raw listener, so a test can make the service
/// disappear and come back within milliseconds: <see cref="Refuse"/> closes the listening socket
/// (new connections are refused) and resets open connections, as a dying process would;
/// <see cref="Accept"/> listens again on the same port; <see cref="Hang"/> stops answering.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private TaskCompletionSource _answer = Answered();
    private int _connections;
    private int _requests;

    private LoopbackHttpServer(int status, string body)
    {
        Status = status;
        Body = body;
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync(_listener);
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/VLLMDeployment");

    public int Status { get; set; }

    public string Body { get; set; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Requests read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static LoopbackHttpServer Start(int status = 200, string body = """{"generated_text":"Paris"}""") => new(status, body);

    /// <summary>Stops listening and resets every open connection; returns the instant it was done.</summary>
    public DateTimeOffset Refuse()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open.Keys)
            {
                Reset(socket);
            }

            return MeasurementClock.UtcNow;
        }
    }

    /// <summary>Listens again on the same port; returns the instant it was done.</summary>
    public DateTimeOffset Accept()
    {
        lock (_gate)
        {
            _listener ??= Listen(Port);
            _ = AcceptLoopAsync(_listener);
            return MeasurementClock.UtcNow;
        }
    }

    /// <summary>Reads requests but answers none until <see cref="Release"/>; returns the instant.</summary>
    public DateTimeOffset Hang()
    {
        lock (_gate)
        {
            _answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return MeasurementClock.UtcNow;
        }
    }

    /// <summary>Answers again, including the requests held so far; returns the instant.</summary>
    public DateTimeOffset Release()
    {
        lock (_gate)
        {
            _answer.TrySetResult();
            return MeasurementClock.UtcNow;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Release();
        Refuse();
        _disposed.Dispose();
    }

    private static TaskCompletionSource Answered()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(backlog: 512);
        return listener;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, as a killed process does
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_disposed.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_disposed.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // the listener was stopped
            }

            Interlocked.Increment(ref _connections);
            _open[socket] = 0;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                int headerEnd;
                while ((headerEnd = IndexOfHeaderEnd(buffer, filled)) < 0)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _disposed.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
                var length = ContentLength(head);
                while (filled < headerEnd + 4 + length)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(filled), _disposed.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                }

                Interlocked.Increment(ref _requests);
                Task answer;
                lock (_gate)
                {
                    answer = _answer.Task;
                }

                await answer.WaitAsync(_disposed.Token);
                var close = head.Contains("\r\nConnection: close", StringComparison.OrdinalIgnoreCase);
                var body = Encoding.UTF8.GetBytes(Body);
                var response = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {Status} X\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n{(close ? "Connection: close\r\n" : string.Empty)}\r\n");
                await socket.SendAsync(response.Concat(body).ToArray(), _disposed.Token);
                var consumed = headerEnd + 4 + length;
                Array.Copy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _open.TryRemove(socket, out _);
            socket.Dispose();
        }
    }

    private static int IndexOfHeaderEnd(byte[] buffer, int filled) => buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
