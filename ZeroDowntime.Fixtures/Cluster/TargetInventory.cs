using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Reads the target's pods by role, and waits (on a watch) until every role has its expected Ready count.</summary>
public sealed class TargetInventory(IKubernetes client, string @namespace, TargetSettings target)
{
    /// <summary>The role's pods, terminating ones included.</summary>
    public async Task<IReadOnlyList<V1Pod>> PodsAsync(RoleSettings role, CancellationToken ct = default) =>
        (await client.ListAllAsync(KubeResources.Pods, @namespace, role.Selector, ct: ct).DescribeFailure().ConfigureAwait(false)).Items;

    /// <summary>The role's Ready, non-terminating pods, in name order so "the first one" is the same on every run.</summary>
    public async Task<IReadOnlyList<V1Pod>> ReadyPodsAsync(RoleSettings role, CancellationToken ct = default) =>
        (await PodsAsync(role, ct).ConfigureAwait(false)).Where(PodFacts.IsReady).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();

    /// <summary>The role a pod belongs to (by its labels), or null.</summary>
    public string? RoleOf(V1Pod pod) => target.Roles.FirstOrDefault(r => SelectorMatcher.Matches(r.Selector, pod.Metadata.Labels))?.Name;

    /// <summary>
    /// Waits until every role has at least its expected number of Ready pods, narrating each change;
    /// throws <see cref="TimeoutException"/> naming <c>ZD_TIMING__CLUSTER_READY_TIMEOUT</c> and the last counts.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, Action<string> log, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var counts = target.Roles.ToDictionary(r => r.Name, _ => 0);
        try
        {
            // Roles are awaited one after another; a pod of an earlier role can drop meanwhile, so
            // the wait ends only when one fresh look shows every role at its count at once.
            while (!await AllReadyAsync(counts, deadline.Token).ConfigureAwait(false))
            {
                await WaitEachRoleAsync(counts, log, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The target's pods were not Ready within ZD_TIMING__CLUSTER_READY_TIMEOUT ({timeout.TotalSeconds:0} s): {Describe(counts)}.");
        }
    }

    private async Task<bool> AllReadyAsync(Dictionary<string, int> counts, CancellationToken ct)
    {
        foreach (var role in target.Roles)
        {
            counts[role.Name] = (await ReadyPodsAsync(role, ct).ConfigureAwait(false)).Count;
        }

        return target.Roles.All(r => counts[r.Name] >= r.ExpectedCount);
    }

    private async Task WaitEachRoleAsync(Dictionary<string, int> counts, Action<string> log, CancellationToken deadline)
    {
        foreach (var role in target.Roles)
        {
            var list = await client.ListAllAsync(KubeResources.Pods, @namespace, role.Selector, ct: deadline).ConfigureAwait(false);
            var pods = list.Items.ToDictionary(p => p.Metadata.Name!, StringComparer.Ordinal);
            counts[role.Name] = pods.Values.Count(PodFacts.IsReady);
            log($"Waiting for pods: {Describe(counts)}");
            if (counts[role.Name] >= role.ExpectedCount)
            {
                continue;
            }

            await foreach (var e in client.WatchFromListAsync(KubeResources.Pods, list, @namespace, new WatchOptions { LabelSelector = role.Selector }, deadline)
                               .ConfigureAwait(false))
            {
                if (e.Type == WatchEventType.Deleted)
                {
                    pods.Remove(e.Object.Metadata.Name!);
                }
                else if (e.Type is WatchEventType.Added or WatchEventType.Modified)
                {
                    pods[e.Object.Metadata.Name!] = e.Object;
                }

                var ready = pods.Values.Count(PodFacts.IsReady);
                if (ready != counts[role.Name])
                {
                    counts[role.Name] = ready;
                    log($"Waiting for pods: {Describe(counts)}");
                }

                if (ready >= role.ExpectedCount)
                {
                    break;
                }
            }
        }
    }

    private string Describe(Dictionary<string, int> counts) =>
        string.Join(", ", target.Roles.Select(r => $"{r.Name} {counts[r.Name]}/{r.ExpectedCount} Ready"));
}
