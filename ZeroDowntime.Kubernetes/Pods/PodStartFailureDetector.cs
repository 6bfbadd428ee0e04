using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>
/// Applies <see cref="PodStartRules"/> to pods as they are seen (a list, then watch events) and keeps, per pod,
/// since when it has been stuck, so a reason that needs a grace period becomes terminal only after it lasted that long.
/// Not thread-safe: one watch loop feeds it.
/// </summary>
/// <example><code>
/// var detector = new PodStartFailureDetector(TimeSpan.FromSeconds(3), crashLoopRestarts: 1);
/// var failure = detector.Observe(pod) ?? detector.Due();   // null while nothing is terminal
/// </code></example>
public sealed class PodStartFailureDetector
{
    private readonly Dictionary<string, (DateTimeOffset Since, PodStartFailure Failure)> _stuck = new(StringComparer.Ordinal);
    private readonly TimeSpan _grace;
    private readonly int _crashLoopRestarts;
    private readonly TimeProvider _time;

    /// <summary>Creates a detector.</summary>
    /// <param name="grace">How long a pod must stay stuck with a retried reason before it counts.</param>
    /// <param name="crashLoopRestarts">Restarts from which a container in CrashLoopBackOff counts (at least 1).</param>
    /// <param name="time">The clock; the system's by default.</param>
    public PodStartFailureDetector(TimeSpan grace, int crashLoopRestarts, TimeProvider? time = null)
    {
        _grace = grace < TimeSpan.Zero ? TimeSpan.Zero : grace;
        _crashLoopRestarts = Math.Max(1, crashLoopRestarts);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long until a stuck pod's grace period ends (null when none is pending).</summary>
    public TimeSpan? UntilNextDue
    {
        get
        {
            if (_stuck.Count == 0)
            {
                return null;
            }

            var left = _stuck.Values.Min(s => s.Since) + _grace - _time.GetUtcNow();
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    /// <summary>Records the pod's current state; returns the failure when it is now terminal.</summary>
    public PodStartFailure? Observe(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var key = Key(pod);
        var stuck = PodStartRules.Stuck(pod, _crashLoopRestarts);
        if (stuck is null)
        {
            // Running again, or never stuck: a later stuck state starts a new grace period.
            _stuck.Remove(key);
            return null;
        }

        if (PodStartRules.IsImmediate(stuck))
        {
            return stuck;
        }

        var since = _stuck.TryGetValue(key, out var earlier) ? earlier.Since : _time.GetUtcNow();
        _stuck[key] = (since, stuck);
        return Due();
    }

    /// <summary>Forgets a deleted pod.</summary>
    public void Forget(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _stuck.Remove(Key(pod));
    }

    /// <summary>The stuck pod that has been stuck longest, if it has lasted the grace period.</summary>
    public PodStartFailure? Due()
    {
        var now = _time.GetUtcNow();
        return _stuck.Values.Where(s => now - s.Since >= _grace).OrderBy(s => s.Since).Select(s => s.Failure).FirstOrDefault();
    }

    private static string Key(V1Pod pod) => $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}/{pod.Metadata?.Uid}";
}
