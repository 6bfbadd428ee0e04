using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// The connection listener (<c>--connection-port</c>): long-lived TCP connections that name the node
/// (<see cref="ConnectionProtocol"/>), so a client can tell which pod served it. Drained on SIGTERM
/// (<see cref="DrainAsync"/>): it stops accepting, and closes each connection with a FIN right after its
/// next answer (the request in progress, or the next one within a second), then waits for the client to close its side.
/// </summary>
internal sealed class ConnectionServer(MockVllmOptions options, ServiceState state, EventLog log, MockVllmEndpoints endpoints) : IHostedService
{
    private readonly ConcurrentDictionary<ServedConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private volatile bool _draining;

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ConnectionPort is not { } port)
        {
            return Task.CompletedTask;
        }

        var address = IPAddress.TryParse(options.ListenHost, out var parsed) ? parsed : IPAddress.Any;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        endpoints.CaptureConnection((IPEndPoint)listener.LocalEndPoint!);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
        log.Write($"listening on tcp://{listener.LocalEndPoint} (connections)");
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection once its request in progress is answered, and waits (bounded) for the clients to close.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        if (_listener is null)
        {
            return;
        }

        _draining = true;
        _listener.Dispose();
        var open = _connections.Keys.ToList();
        foreach (var connection in open)
        {
            connection.FinishAndClose();
        }

        log.Write($"connections: stopped accepting; closing {open.Count} connection(s) after their next answer");
        try
        {
            await Task.WhenAll(open.Select(c => c.Closed)).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            log.Write($"connections: {OpenConnections} client(s) did not close within {timeout.TotalSeconds:0.###}s; closing them");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        await _acceptLoop;
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested && !_draining)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested || _draining)
                {
                    return;
                }

                continue;
            }

            var connection = new ServedConnection(client, options.NodeName, state);
            _connections[connection] = 0;
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(ServedConnection connection)
    {
        try
        {
            await connection.RunAsync(_draining);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }
}
