using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.LocalCluster.Networking.Policy;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// A layer-4 load balancer on one address:port, as an NLB or kube-proxy: each accepted
/// <em>connection</em> goes to a Ready backend chosen by its <see cref="Scheduler"/> (round robin
/// unless set, see <see cref="ConnectionSchedulers"/>) and stays there. No backend:
/// the connection is reset at once. A backend that closes or resets breaks the client's
/// connection the same way; <see cref="BreakConnectionsTo"/> resets every connection to a pod.
/// Backend changes take effect after the propagation delay. With a <see cref="IConnectionGate"/>,
/// NetworkPolicy decides each connection once its backend is picked (see <see cref="ConnectionGuard"/>).
/// </summary>
public sealed class TcpServiceProxy : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;
    private readonly Socket _listener;
    private readonly TimeSpan _propagationDelay;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeProvider _time;
    private readonly IConnectionGate? _policy;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _connections = new();
    private readonly object _scheduleGate = new();
    private IReadOnlyList<IPEndPoint> _backends = [];
    private TaskCompletionSource _backendsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _connectionEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<IPEndPoint>? _latest;
    private readonly BackendLoad _load = new();
    private long _scheduleVersion;
    private long _appliedVersion;
    private long _accepted;
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>Binds <paramref name="endpoint"/> (throws <see cref="SocketException"/> when it is taken) and starts accepting.</summary>
    public TcpServiceProxy(IPEndPoint endpoint, TimeSpan propagationDelay, TimeSpan connectTimeout, TimeProvider? time = null, IConnectionGate? policy = null)
    {
        _propagationDelay = propagationDelay;
        _connectTimeout = connectTimeout;
        _time = time ?? TimeProvider.System;
        _policy = policy;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(endpoint);
            _listener.Listen(1024);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the proxy listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The backends new connections go to now.</summary>
    public IReadOnlyList<IPEndPoint> Backends => Volatile.Read(ref _backends);

    /// <summary>Completes the next time <see cref="Backends"/> changes (for event-driven waits).</summary>
    public Task NextBackendChange => Volatile.Read(ref _backendsChanged).Task;

    /// <summary>Completes the next time a connection ends and its backend's count drops (for event-driven waits).</summary>
    public Task NextConnectionEnd => Volatile.Read(ref _connectionEnded).Task;

    /// <summary>Connections currently counted against a backend (being connected or proxied): what <c>lc</c> compares.</summary>
    public int ActiveConnections => _load.Total;

    /// <summary>How new connections are spread over the backends (default <c>rr</c>); replaceable at any time.</summary>
    public IConnectionScheduler Scheduler
    {
        get => _load.Scheduler;
        set => _load.Scheduler = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Connections accepted since start (including reset ones).</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Replaces the backend set after the propagation delay (later calls supersede earlier pending ones in order).</summary>
    public void ScheduleBackends(IReadOnlyList<IPEndPoint> backends)
    {
        long version;
        lock (_scheduleGate)
        {
            if (Same(_latest ?? Backends, backends))
            {
                return;
            }

            _latest = backends;
            version = ++_scheduleVersion;
        }

        _ = ApplyLaterAsync(backends, version);
    }

    /// <summary>Replaces the backend set at once (a new Service).</summary>
    public void SetBackends(IReadOnlyList<IPEndPoint> backends)
    {
        lock (_scheduleGate)
        {
            _latest = null;
            _appliedVersion = ++_scheduleVersion;
            Publish(backends);
        }
    }

    /// <summary>Resets every proxied connection whose backend is <paramref name="address"/> (its process is gone).</summary>
    public void BreakConnectionsTo(IPAddress address)
    {
        foreach (var connection in _connections.Keys.Where(c => c.Backend.Address.Equals(address)))
        {
            connection.Abort();
        }
    }

    /// <summary>Stops listening and resets every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ApplyLaterAsync(IReadOnlyList<IPEndPoint> backends, long version)
    {
        try
        {
            // The propagation delay is the behaviour: endpoint changes reach the data path late, as with kube-proxy or an NLB.
            // Each change waits its own delay from when it was scheduled, so they land in order.
            await Task.Delay(_propagationDelay, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_scheduleGate)
        {
            if (version > _appliedVersion)
            {
                _appliedVersion = version;
                Publish(backends);
            }

            if (version == _scheduleVersion)
            {
                _latest = null;
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            Interlocked.Increment(ref _accepted);
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        var backends = Backends;
        if (backends.Count == 0)
        {
            Reset(client);
            return;
        }

        var backend = _load.Pick(backends);
        try
        {
            await ProxyAsync(client, backend).ConfigureAwait(false);
        }
        finally
        {
            _load.Release(backend);
            Interlocked.Exchange(ref _connectionEnded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task ProxyAsync(Socket client, IPEndPoint backend)
    {
        var (guard, admitted, held) = await PolicyAdmission.AdmitAsync(_policy, client, backend, _stopping.Token).ConfigureAwait(false);
        if (!admitted)
        {
            guard?.Dispose();
            Reset(client);
            return;
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_connectTimeout);
            await upstream.ConnectAsync(backend, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Like an NLB target that died before deregistration: the client's connection fails.
            upstream.Dispose();
            guard?.Dispose();
            Reset(client);
            return;
        }

        client.NoDelay = true;
        guard?.MarkEstablished();
        var connection = new ProxiedConnection(client, upstream, backend, guard, held);
        _connections[connection] = 0;
        try
        {
            await connection.RunAsync(BufferSize).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private void Publish(IReadOnlyList<IPEndPoint> backends)
    {
        Volatile.Write(ref _backends, backends);
        Interlocked.Exchange(ref _backendsChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Closes with RST (linger 0), as a load balancer without a healthy target does.</summary>
    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    private static bool Same(IReadOnlyList<IPEndPoint> a, IReadOnlyList<IPEndPoint> b) => a.Count == b.Count && a.SequenceEqual(b);
}
