using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// Creates a partition NetworkPolicy and removes it again. The removal is registered in the scenario's
/// cleanup right after the create, so a failed or cancelled step never leaves the partition in place; a
/// killed run leaves a policy labelled with its run id, which the next run's leftover repair deletes.
/// </summary>
/// <example><code>
/// var partitioner = new NetworkPartitioner(run.Target);
/// var from = await partitioner.CreateAsync(policy, "worker", "partition workers from head");
/// ... hold ...
/// var healed = await partitioner.RemoveAsync();
/// </code></example>
public sealed class NetworkPartitioner(DisruptionTarget target)
{
    private string? _name;

    /// <summary>The policy in place, or null.</summary>
    public string? PolicyName => _name;

    /// <summary>Creates <paramref name="policy"/>; returns when the API accepted it (the partition's start).</summary>
    public async Task<DateTimeOffset> CreateAsync(V1NetworkPolicy policy, string isolatedRole, string label, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var name = policy.Metadata.Name;
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.DisruptionStarted, isolatedRole, Detail: $"create NetworkPolicy {name}: {label}"));
        await target.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, target.Namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        _name = name;
        target.Cleanup.Push($"delete NetworkPolicy {name}", c => DeleteAsync(name, c));
        var accepted = MeasurementClock.UtcNow;
        target.Mark(new ClusterEvent(accepted, ClusterEventKind.DisruptionAccepted, isolatedRole, Detail: $"{label} (NetworkPolicy {name})"));
        return accepted;
    }

    /// <summary>Deletes the policy; returns when the API accepted the deletion (the partition's end).</summary>
    public async Task<DateTimeOffset> RemoveAsync(CancellationToken ct = default)
    {
        var name = _name ?? throw new InvalidOperationException("No partition is in place: the create step did not run.");
        await DeleteAsync(name, ct).ConfigureAwait(false);
        var removed = MeasurementClock.UtcNow;
        target.Mark(new ClusterEvent(removed, ClusterEventKind.Marker, Detail: $"deleted NetworkPolicy {name}: partition removed"));
        _name = null;
        return removed;
    }

    private async Task DeleteAsync(string name, CancellationToken ct)
    {
        try
        {
            await target.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(name, target.Namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            // Already gone: what removal wanted.
        }
    }
}
