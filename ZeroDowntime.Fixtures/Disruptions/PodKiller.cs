using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// Kills several pods at once: deletes them with grace period 0 (<see cref="PodKillMethod.ForceDelete"/>) or
/// with their own grace period, or SIGKILLs their containers in place through the embedded cluster's hook.
/// Every kill is marked on the timeline (started, accepted) like <see cref="PodDeleter"/>'s.
/// </summary>
/// <example><code>
/// var kills = await new PodKiller(run.Target).KillAsync(round: 1, pods, "worker", PodKillMethod.ForceDelete);
/// </code></example>
public sealed class PodKiller(DisruptionTarget target)
{
    /// <summary>Kills <paramref name="pods"/> concurrently; returns one <see cref="PodKill"/> each, in the order given.</summary>
    public async Task<IReadOnlyList<PodKill>> KillAsync(int round, IReadOnlyList<V1Pod> pods, string role, PodKillMethod method, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var kills = pods.Select(pod => KillOneAsync(round, pod, role, method, ct)).ToList();
        return await Task.WhenAll(kills).ConfigureAwait(false);
    }

    private async Task<PodKill> KillOneAsync(int round, V1Pod pod, string role, PodKillMethod method, CancellationToken ct)
    {
        var name = pod.Metadata.Name!;
        var verb = method switch
        {
            PodKillMethod.ForceDelete => "force-delete",
            PodKillMethod.GracefulDelete => "delete",
            _ => "SIGKILL",
        };
        var started = MeasurementClock.UtcNow;
        target.Mark(new ClusterEvent(started, ClusterEventKind.DisruptionStarted, role, name, pod.Metadata.Uid, PodFacts.NodeOf(pod), $"{verb} pod {name}"));
        if (method == PodKillMethod.ProcessKill)
        {
            await ProcessKillHook.KillAsync(target.Client, target.Namespace, name, pod.Spec?.Containers?.FirstOrDefault()?.Name, ct).ConfigureAwait(false);
        }
        else
        {
            await target.Client.CoreV1.DeleteNamespacedPodAsync(name, target.Namespace,
                gracePeriodSeconds: method == PodKillMethod.ForceDelete ? 0 : null, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        }

        var accepted = MeasurementClock.UtcNow;
        target.Mark(new ClusterEvent(accepted, ClusterEventKind.DisruptionAccepted, role, name, pod.Metadata.Uid, PodFacts.NodeOf(pod),
            $"{(method == PodKillMethod.ProcessKill ? "killed the processes of" : verb + "d")} pod {name}"));
        var restarts = pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0;
        return new PodKill(round, name, pod.Metadata.Uid, PodFacts.NodeOf(pod), started, accepted, restarts);
    }
}
