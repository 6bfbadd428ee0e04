using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// Drains a node like <c>kubectl drain</c>: evicts every pod on it through the eviction API
/// (so budgets are respected), retrying a 429 every <c>retryInterval</c> until <c>drainTimeout</c>,
/// skips DaemonSet and mirror pods, then waits (on a watch) until the evicted pods are gone.
/// Cordon first with <see cref="NodeCordoner"/>.
/// </summary>
/// <example><code>
/// var drainer = new NodeDrainer(target, retryInterval: TimeSpan.FromSeconds(5), drainTimeout: TimeSpan.FromMinutes(10), roleOf);
/// var first = await drainer.EvictAsync(workerPod);            // retried while the budget says no
/// var result = await drainer.DrainAsync("zd-node-2");         // the rest of the node
/// </code></example>
public sealed class NodeDrainer(DisruptionTarget target, TimeSpan retryInterval, TimeSpan drainTimeout, Func<V1Pod, string?> roleOf)
{
    private readonly DateTimeOffset _deadline = MeasurementClock.UtcNow + drainTimeout;
    private readonly List<EvictionRecord> _evictions = [];

    /// <summary>Every eviction this drainer performed so far.</summary>
    public IReadOnlyList<EvictionRecord> Evictions => _evictions;

    /// <summary>One eviction attempt, no retry: the budget proof uses it to show a 429.</summary>
    public async Task<EvictionResult> TryEvictOnceAsync(V1Pod pod, CancellationToken ct = default)
    {
        var name = pod.Metadata.Name!;
        target.Mark(Event(ClusterEventKind.DisruptionStarted, pod, $"evict pod {name}"));
        var result = await target.Client.EvictPodAsync(name, target.Namespace, ct: ct).DescribeFailure().ConfigureAwait(false);
        target.Mark(result.Outcome == EvictionOutcome.Evicted
            ? Event(ClusterEventKind.DisruptionAccepted, pod, $"evicted pod {name}")
            : Event(ClusterEventKind.DisruptionRefused, pod, $"eviction of {name}: {result}"));
        if (result.Outcome == EvictionOutcome.Evicted)
        {
            _evictions.Add(new EvictionRecord(name, pod.Metadata.Uid, MeasurementClock.UtcNow, 0, null));
        }

        return result;
    }

    /// <summary>Evicts <paramref name="pod"/>, retrying while a budget refuses (429) until the drain timeout.</summary>
    /// <exception cref="TimeoutException">Still refused at the drain timeout; the message quotes the budget.</exception>
    public async Task<EvictionRecord> EvictAsync(V1Pod pod, CancellationToken ct = default)
    {
        var name = pod.Metadata.Name!;
        var refusals = 0;
        string? lastRefusal = null;
        target.Mark(Event(ClusterEventKind.DisruptionStarted, pod, $"evict pod {name}"));
        while (true)
        {
            var result = await target.Client.EvictPodAsync(name, target.Namespace, ct: ct).DescribeFailure().ConfigureAwait(false);
            switch (result.Outcome)
            {
                case EvictionOutcome.Evicted:
                    var accepted = MeasurementClock.UtcNow;
                    target.Mark(Event(ClusterEventKind.DisruptionAccepted, pod, $"evicted pod {name} after {refusals} refusal(s)", accepted));
                    var record = new EvictionRecord(name, pod.Metadata.Uid, accepted, refusals, lastRefusal);
                    lock (_evictions)
                    {
                        _evictions.Add(record);
                    }

                    return record;
                case EvictionOutcome.NotFound:
                    return new EvictionRecord(name, pod.Metadata.Uid, null, refusals, lastRefusal);
            }

            refusals++;
            lastRefusal = result.Message;
            target.Mark(Event(ClusterEventKind.DisruptionRefused, pod, $"eviction of {name} refused: {result.Message}"));
            if (MeasurementClock.UtcNow + retryInterval > _deadline)
            {
                throw new TimeoutException(
                    $"Drain timed out after {drainTimeout.TotalSeconds:0} s: the eviction of pod {name} was refused {refusals} time(s); last answer: {result.Message}");
            }

            // kubectl drain's own pacing between refused evictions; the retry interval is configuration.
            await Task.Delay(retryInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Evicts every remaining pod on <paramref name="node"/> in the target namespace (concurrently, each
    /// retried on 429), then waits until every pod this drainer evicted from the node is gone.
    /// </summary>
    public async Task<DrainResult> DrainAsync(string node, CancellationToken ct = default)
    {
        // All namespaces, as kubectl drain lists them: pods of other namespaces are reported as skipped.
        var onNode = await target.Client.ListAllAsync(KubeResources.Pods, null, fieldSelector: $"spec.nodeName={node}", ct: ct)
            .DescribeFailure().ConfigureAwait(false);
        var skipped = new List<string>();
        var toEvict = new List<V1Pod>();
        foreach (var pod in onNode.Items)
        {
            var reason = PodFacts.IsDaemonSetPod(pod) ? "DaemonSet pod"
                : PodFacts.IsMirrorPod(pod) ? "mirror pod"
                : pod.Metadata.NamespaceProperty != target.Namespace ? $"outside namespace {target.Namespace}"
                : PodFacts.IsTerminating(pod) ? "already terminating"
                : pod.Status?.Phase is "Succeeded" or "Failed" ? "already finished"
                : null;
            if (reason is null)
            {
                toEvict.Add(pod);
            }
            else if (reason != "already terminating")
            {
                skipped.Add($"{pod.Metadata.Name}: {reason}");
            }
        }

        await Task.WhenAll(toEvict.Select(p => EvictAsync(p, ct))).ConfigureAwait(false);
        var emptyAt = await WaitUntilGoneAsync(node, ct).ConfigureAwait(false);
        List<EvictionRecord> records;
        lock (_evictions)
        {
            records = [.. _evictions];
        }

        return new DrainResult(node, records, skipped, emptyAt);
    }

    private async Task<DateTimeOffset> WaitUntilGoneAsync(string node, CancellationToken ct)
    {
        HashSet<string> evicted;
        lock (_evictions)
        {
            evicted = _evictions.Where(e => e.AcceptedAt is not null).Select(e => e.Uid ?? e.Pod).ToHashSet(StringComparer.Ordinal);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Max(_deadline - MeasurementClock.UtcNow, TimeSpan.FromSeconds(1)));
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var onNode = $"spec.nodeName={node}";
            var list = await target.Client.ListAllAsync(KubeResources.Pods, target.Namespace, fieldSelector: onNode, ct: deadline.Token)
                .DescribeFailure().ConfigureAwait(false);
            foreach (var pod in list.Items.Where(p => evicted.Contains(p.Metadata.Uid ?? p.Metadata.Name!)))
            {
                present[pod.Metadata.Uid ?? pod.Metadata.Name!] = pod.Metadata.Name!;
            }

            if (present.Count == 0)
            {
                return MeasurementClock.UtcNow;
            }

            await foreach (var e in target.Client.WatchFromListAsync(KubeResources.Pods, list, target.Namespace,
                               new WatchOptions { FieldSelector = onNode }, deadline.Token).ConfigureAwait(false))
            {
                if (e.Type == WatchEventType.Deleted && present.Remove(e.Object.Metadata.Uid ?? e.Object.Metadata.Name!) && present.Count == 0)
                {
                    return MeasurementClock.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Fall through to the timeout message below.
        }

        throw new TimeoutException(
            $"Drain timed out after {drainTimeout.TotalSeconds:0} s waiting for evicted pods to terminate on node {node}; still present: {string.Join(", ", present.Values)}");
    }

    private ClusterEvent Event(ClusterEventKind kind, V1Pod pod, string detail, DateTimeOffset? time = null) =>
        new(time ?? MeasurementClock.UtcNow, kind, roleOf(pod), pod.Metadata.Name, pod.Metadata.Uid, PodFacts.NodeOf(pod), detail);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
