using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// Reads the Ray cluster's state from the head's state API (it has no watch, so it is asked every
/// <c>ZD_TIMING__RAY_STATE_POLL_INTERVAL</c>): "head Ready, and every Ready worker pod ALIVE on it".
/// Workers are matched by node name (KubeRay and the sample target use the pod name).
/// </summary>
public sealed class RayClusterObserver(IKubernetes client, string @namespace, ZeroDowntimeSettings settings)
{
    private readonly TargetInventory _inventory = new(client, @namespace, settings.Target);

    /// <summary>One look now.</summary>
    public async Task<RayClusterState> ObserveAsync(CancellationToken ct = default)
    {
        var now = MeasurementClock.UtcNow;
        var heads = await _inventory.ReadyPodsAsync(settings.Target.Head, ct).ConfigureAwait(false);
        if (heads.Count == 0)
        {
            return new RayClusterState(now, null, null, null, [], $"no {settings.Target.Head.Name} pod is Ready");
        }

        var head = heads[0].Metadata.Name;
        var (nodes, problem) = await RayStateApi.ListNodesAsync(client, @namespace, head, settings.Target, ct).ConfigureAwait(false);
        if (nodes is null)
        {
            return new RayClusterState(now, head, null, null, [], problem);
        }

        var headNode = nodes.FirstOrDefault(n => n.IsHeadNode && n.IsAlive)?.NodeId;
        var workers = await _inventory.ReadyPodsAsync(settings.Target.Workers, ct).ConfigureAwait(false);
        var missing = workers.Select(p => p.Metadata.Name)
            .Where(name => !nodes.Any(n => !n.IsHeadNode && n.IsAlive && n.NodeName == name))
            .ToList();
        var why = missing.Count > 0 ? $"head {head} does not list {string.Join(", ", missing)} as ALIVE"
            : workers.Count < settings.Target.Workers.MinReadyDuringDisruption ? $"only {workers.Count} {settings.Target.Workers.Name} pod(s) Ready"
            : null;
        return new RayClusterState(now, head, headNode, nodes, missing, why);
    }

    /// <summary>
    /// Asks until <paramref name="accept"/> holds, at the poll interval, for at most <paramref name="timeout"/>;
    /// returns the accepted state, or null with the last state seen.
    /// </summary>
    public async Task<(RayClusterState? Accepted, RayClusterState Last)> WaitUntilAsync(Func<RayClusterState, bool> accept, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = MeasurementClock.UtcNow + timeout;
        while (true)
        {
            var state = await ObserveAsync(ct).ConfigureAwait(false);
            if (accept(state))
            {
                return (state, state);
            }

            if (MeasurementClock.UtcNow + settings.Timing.RayStatePollInterval > deadline)
            {
                return (null, state);
            }

            // The state API cannot be watched; the poll interval is configuration.
            await Task.Delay(settings.Timing.RayStatePollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Observes at the poll interval until <paramref name="ct"/> is cancelled, returning every look (for "operational throughout").</summary>
    public async Task<IReadOnlyList<RayClusterState>> SampleUntilCancelledAsync(CancellationToken ct)
    {
        var samples = new List<RayClusterState>();
        try
        {
            while (true)
            {
                samples.Add(await ObserveAsync(ct).ConfigureAwait(false));
                await Task.Delay(settings.Timing.RayStatePollInterval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return samples;
        }
    }
}
