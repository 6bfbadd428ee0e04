using System.Net;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// Decides which backend a new connection goes to, as an IPVS scheduler does for kube-proxy. The
/// proxy calls it under its own lock, once per accepted connection, and counts the connection
/// against the chosen backend until it closes, so implementations need no locking of their own.
/// </summary>
public interface IConnectionScheduler
{
    /// <summary>The name the Service annotation uses (<c>rr</c>, <c>lc</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The index into <paramref name="backends"/> of the backend for the next connection;
    /// <paramref name="active"/>[i] is how many connections the proxy holds open to backend i now.
    /// Only called with at least one backend.
    /// </summary>
    int Pick(IReadOnlyList<IPEndPoint> backends, IReadOnlyList<int> active);
}
