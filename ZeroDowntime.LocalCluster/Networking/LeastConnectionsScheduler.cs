using System.Net;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// <c>lc</c>: each new connection goes to the backend with the fewest open connections; among equals,
/// the first in the backend list (IPVS's lc does the same). A backend that just joined carries none,
/// so during a rolling upgrade the connections an old pod loses reconnect to the new pods.
/// </summary>
public sealed class LeastConnectionsScheduler : IConnectionScheduler
{
    /// <inheritdoc />
    public string Name => ConnectionSchedulers.LeastConnections;

    /// <inheritdoc />
    public int Pick(IReadOnlyList<IPEndPoint> backends, IReadOnlyList<int> active)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(active);
        var best = 0;
        for (var i = 1; i < backends.Count; i++)
        {
            if (active[i] < active[best])
            {
                best = i;
            }
        }

        return best;
    }
}
