using System.Collections.Concurrent;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Lifecycle;

/// <summary>
/// The stand-in for a kubelet: removes a terminating pod after min(grace period,
/// <see cref="MaxDelay"/>), so deletes complete end to end before real pod processes exist.
/// Replace it with <see cref="ClusterApi.PodTerminator"/> (or <c>LocalClusterOptions.PodTerminator</c>).
/// </summary>
public sealed class DelayedPodTerminator : IPodTerminator, IDisposable
{
    private readonly ClusterApi _api;
    private readonly ConcurrentDictionary<string, (ITimer Timer, DateTimeOffset DueAt)> _timers = new();

    /// <summary>Creates a terminator that waits at most <paramref name="maxDelay"/>.</summary>
    public DelayedPodTerminator(ClusterApi api, TimeSpan maxDelay)
    {
        _api = api;
        MaxDelay = maxDelay;
    }

    /// <summary>The longest a terminating pod is kept.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc />
    public void TerminationRequested(PodTermination termination)
    {
        var delay = termination.GracePeriod < MaxDelay ? termination.GracePeriod : MaxDelay;
        var dueAt = _api.Time.GetUtcNow() + delay;
        if (_timers.TryGetValue(termination.Uid, out var existing) && existing.DueAt <= dueAt)
        {
            return;
        }

        var timer = _api.Time.CreateTimer(_ => Remove(termination), null, delay, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue(termination.Uid, out existing))
        {
            existing.Timer.Dispose();
        }

        _timers[termination.Uid] = (timer, dueAt);
    }

    /// <summary>Cancels pending removals.</summary>
    public void Dispose()
    {
        foreach (var (_, (timer, _)) in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private void Remove(PodTermination termination)
    {
        if (_timers.TryRemove(termination.Uid, out var entry))
        {
            entry.Timer.Dispose();
        }

        try
        {
            _api.Pods.Delete(termination.Namespace, termination.Name, new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = termination.Uid } });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or replaced by a new pod with the same name.
        }
    }
}
