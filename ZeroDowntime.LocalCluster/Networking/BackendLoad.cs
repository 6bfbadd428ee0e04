using System.Net;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// A proxy's open connections per backend and its scheduler: a pick and the count it adds happen
/// under one lock, so concurrent connections see each other (least-connections stays exact).
/// </summary>
internal sealed class BackendLoad
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, int> _open = [];
    private IConnectionScheduler _scheduler = new RoundRobinScheduler();

    public IConnectionScheduler Scheduler
    {
        get
        {
            lock (_gate)
            {
                return _scheduler;
            }
        }

        set
        {
            lock (_gate)
            {
                _scheduler = value;
            }
        }
    }

    /// <summary>Connections counted against any backend now.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _open.Values.Sum();
            }
        }
    }

    /// <summary>Chooses the backend of a new connection and counts it open there until <see cref="Release"/>.</summary>
    public IPEndPoint Pick(IReadOnlyList<IPEndPoint> backends)
    {
        lock (_gate)
        {
            var active = backends.Select(b => _open.GetValueOrDefault(b)).ToArray();
            var backend = backends[_scheduler.Pick(backends, active)];
            _open[backend] = _open.GetValueOrDefault(backend) + 1;
            return backend;
        }
    }

    /// <summary>The connection to <paramref name="backend"/> ended (or never got through).</summary>
    public void Release(IPEndPoint backend)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(backend, out var count))
            {
                if (count <= 1)
                {
                    _open.Remove(backend);
                }
                else
                {
                    _open[backend] = count - 1;
                }
            }
        }
    }
}
