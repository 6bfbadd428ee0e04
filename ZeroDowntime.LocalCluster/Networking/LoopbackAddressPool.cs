using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// Hands out addresses from a 127.N.0.0/16 block (Linux routes all of 127/8 to the loopback
/// device, so each pod or service gets its own IP and its real ports). Process-wide, so clusters
/// in one test run never collide; it starts at a random point and probes that the needed ports are
/// free, so other processes on the machine are unlikely to collide either. Released addresses are
/// reused only after the block wraps around (no TIME_WAIT surprises).
/// </summary>
public sealed class LoopbackAddressPool
{
    private const int ProbeAttempts = 512;
    private readonly object _gate = new();
    private readonly HashSet<IPAddress> _inUse = [];
    private int _cursor;

    /// <summary>Creates a pool over 127.<paramref name="secondOctet"/>.0.0/16.</summary>
    public LoopbackAddressPool(int secondOctet)
        : this(secondOctet, Random.Shared.Next(0, 256 * 254))
    {
    }

    /// <summary>Creates a pool whose first candidate is the one after <paramref name="start"/> (tests).</summary>
    internal LoopbackAddressPool(int secondOctet, int start)
    {
        if (secondOctet is < 1 or > 254)
        {
            throw new ArgumentOutOfRangeException(nameof(secondOctet), "the block must be inside 127.1.0.0-127.254.255.255");
        }

        SecondOctet = secondOctet;
        _cursor = start;
    }

    /// <summary>Pod addresses: 127.10.0.0/16.</summary>
    public static LoopbackAddressPool Pods { get; } = new(10);

    /// <summary>Service cluster IPs: 127.20.0.0/16.</summary>
    public static LoopbackAddressPool ClusterIps { get; } = new(20);

    /// <summary>Load balancer ingress addresses: 127.30.0.0/16.</summary>
    public static LoopbackAddressPool LoadBalancers { get; } = new(30);

    /// <summary>The N in 127.N.0.0/16.</summary>
    public int SecondOctet { get; }

    /// <summary>True when <paramref name="address"/> is inside this pool's block.</summary>
    public bool Contains(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 && bytes[0] == 127 && bytes[1] == SecondOctet;
    }

    /// <summary>An unused address on which every TCP port in <paramref name="ports"/> can be bound.</summary>
    public IPAddress Allocate(IEnumerable<int> ports)
    {
        var needed = ports.Where(p => p is > 0 and < 65536).Distinct().ToList();
        lock (_gate)
        {
            IPAddress? fallback = null;
            for (var attempt = 0; attempt < ProbeAttempts; attempt++)
            {
                var candidate = Next();
                if (_inUse.Contains(candidate))
                {
                    continue;
                }

                fallback ??= candidate;
                if (needed.All(port => CanBind(candidate, port)))
                {
                    _inUse.Add(candidate);
                    return candidate;
                }
            }

            // Every probe failed (e.g. a wildcard listener holds the port): hand one out anyway; the process will report the bind error.
            var chosen = fallback ?? throw new InvalidOperationException($"127.{SecondOctet}.0.0/16 is exhausted");
            _inUse.Add(chosen);
            return chosen;
        }
    }

    /// <summary>Returns an address to the pool.</summary>
    public void Release(IPAddress address)
    {
        lock (_gate)
        {
            _inUse.Remove(address);
        }
    }

    /// <summary>Marks an address chosen elsewhere as used (false when it already was).</summary>
    public bool Reserve(IPAddress address)
    {
        lock (_gate)
        {
            return _inUse.Add(address);
        }
    }

    private IPAddress Next()
    {
        _cursor = (_cursor + 1) % (256 * 254);
        var third = _cursor / 254;
        var fourth = _cursor % 254 + 1;
        return new IPAddress([127, (byte)SecondOctet, (byte)third, (byte)fourth]);
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
