using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// Enforces NetworkPolicy on every connection the service proxies forward. Cluster-IP proxies trace a
/// connection to the pod that opened it (<see cref="SocketOwnerResolver"/>); load balancers' connections
/// come from outside the pod network (what an NLB's client is to a real cluster). Each connection gets a
/// <see cref="ConnectionGuard"/>; every new snapshot from <see cref="NetworkPolicyController"/> re-decides
/// every open connection, so a policy takes effect on existing connections too, and lifting it lets them
/// move again.
/// </summary>
public sealed class NetworkPolicyEnforcer
{
    private readonly ConcurrentDictionary<ConnectionGuard, byte> _open = new();
    private readonly SocketOwnerResolver _owners;
    private NetworkPolicySnapshot _snapshot = NetworkPolicySnapshot.Empty;
    private TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _denied;

    /// <summary>Creates an enforcer that traces connections to the pods in <paramref name="processes"/>.</summary>
    public NetworkPolicyEnforcer(PodProcessRegistry processes)
    {
        _owners = new SocketOwnerResolver(processes);
        ClusterIps = new Gate(this, fromLoadBalancer: false);
        LoadBalancers = new Gate(this, fromLoadBalancer: true);
    }

    /// <summary>The gate of cluster-IP proxies (sources are pods, or the host).</summary>
    public IConnectionGate ClusterIps { get; }

    /// <summary>The gate of load-balancer proxies (sources are outside the pod network).</summary>
    public IConnectionGate LoadBalancers { get; }

    /// <summary>The policies, pods and namespaces in force.</summary>
    public NetworkPolicySnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Completes the next time a snapshot is put in force (for event-driven waits).</summary>
    public Task NextSnapshot => Volatile.Read(ref _applied).Task;

    /// <summary>Connections a policy held when they were opened or while they were open, since start.</summary>
    public long DeniedConnections => Interlocked.Read(ref _denied);

    /// <summary>Open connections a policy holds right now.</summary>
    public int HeldConnections => _open.Keys.Count(g => g.Decision is { Allowed: false });

    /// <summary>Puts <paramref name="snapshot"/> in force and re-decides every open connection.</summary>
    public void Apply(NetworkPolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _snapshot, snapshot);
        foreach (var guard in _open.Keys)
        {
            Decide(guard, snapshot);
        }

        Interlocked.Exchange(ref _applied, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits (on snapshot changes) until <paramref name="condition"/> holds for the snapshot in force.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilAsync(Func<NetworkPolicySnapshot, bool> condition, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var next = NextSnapshot;
            if (condition(Snapshot))
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The NetworkPolicy snapshot did not reach the expected state within {timeout.TotalSeconds:0.#} s; in force: {string.Join(", ", Snapshot.PolicyNames)}");
            }
        }
    }

    private ConnectionGuard Open(Socket client, IPEndPoint backend, bool fromLoadBalancer)
    {
        // Captured now: the endpoints of a closed socket cannot be read later.
        var clientEnd = (IPEndPoint)client.RemoteEndPoint!;
        var proxyEnd = (IPEndPoint)client.LocalEndPoint!;
        Func<TrafficSource> identify = fromLoadBalancer
            ? () => TrafficSource.External(clientEnd.Address)
            : () => _owners.PodUidOf(clientEnd, proxyEnd) is { } uid ? TrafficSource.Pod(uid, clientEnd.Address) : TrafficSource.External(clientEnd.Address);
        var guard = new ConnectionGuard(backend, identify, g => _open.TryRemove(g, out _));
        _open[guard] = 0;
        Decide(guard, Snapshot);
        return guard;
    }

    private void Decide(ConnectionGuard guard, NetworkPolicySnapshot snapshot)
    {
        var wasAllowed = guard.Decision?.Allowed ?? true;
        guard.Evaluate(snapshot);
        if (wasAllowed && guard.Decision is { Allowed: false })
        {
            Interlocked.Increment(ref _denied);
        }
    }

    private sealed class Gate(NetworkPolicyEnforcer enforcer, bool fromLoadBalancer) : IConnectionGate
    {
        public ConnectionGuard Open(Socket client, IPEndPoint backend) => enforcer.Open(client, backend, fromLoadBalancer);
    }
}
