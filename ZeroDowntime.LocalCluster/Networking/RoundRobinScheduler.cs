using System.Net;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary><c>rr</c>: each new connection goes to the next backend in turn, whatever the backends already carry.</summary>
public sealed class RoundRobinScheduler : IConnectionScheduler
{
    private ulong _next = ulong.MaxValue;

    /// <inheritdoc />
    public string Name => ConnectionSchedulers.RoundRobin;

    /// <inheritdoc />
    public int Pick(IReadOnlyList<IPEndPoint> backends, IReadOnlyList<int> active)
    {
        ArgumentNullException.ThrowIfNull(backends);
        return (int)(unchecked(++_next) % (ulong)backends.Count);
    }
}
