using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Kubernetes.Pods;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// The fixture's wait for the target: until every role has its expected Ready count (<see cref="TargetInventory"/>),
/// failing within seconds when a target pod of a role that is still short cannot start (<see cref="PodStartWatch"/>,
/// the same detection <c>up</c> uses), saying every progress interval that it still waits, and on timeout naming per
/// role the pods not Ready with their state and last event (the "last seen state").
/// </summary>
public sealed class TargetStartup(IKubernetes client, string @namespace, TargetSettings target, TimingProfile timing, Action<string> log)
{
    private const string DeadlineName = "ZD_TIMING__CLUSTER_READY_TIMEOUT";
    private readonly TargetInventory _inventory = new(client, @namespace, target);
    private volatile string _counts = "";

    /// <summary>Returns when the target is Ready; throws <see cref="PodStartFailedException"/> or <see cref="TimeoutException"/> otherwise.</summary>
    public async Task WaitAsync(CancellationToken ct = default)
    {
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ready = _inventory.WaitUntilReadyAsync(timing.ClusterReadyTimeout, Counted, stop.Token);
        using var progress = LiveProgress.Waiting("the target's pods to be Ready", timing.ClusterReadyTimeout, DeadlineName, () => _counts);
        try
        {
            while (true)
            {
                using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var failure = PodStartWatch.FirstFailureAsync(client, @namespace, new PodStartWatchOptions
                {
                    Grace = timing.Waits.StartFailureGrace,
                    CrashLoopRestarts = timing.Waits.CrashLoopRestarts,
                    Include = pod => !ignored.Contains(pod.Metadata.Name) && RoleOf(pod) is not null,
                }, stopWatching.Token);
                var first = await Task.WhenAny(ready, failure).ConfigureAwait(false);
                await stopWatching.CancelAsync().ConfigureAwait(false);
                if (first == ready)
                {
                    await IgnoreAsync(failure).ConfigureAwait(false);
                    await ready.ConfigureAwait(false);
                    return;
                }

                if (!failure.IsCompletedSuccessfully)
                {
                    // The watch itself broke: keep the plain wait (its deadline still holds).
                    await IgnoreAsync(failure).ConfigureAwait(false);
                    await ready.ConfigureAwait(false);
                    return;
                }

                var stuck = await failure.ConfigureAwait(false);
                if (await RoleIsShortAsync(stuck, ct).ConfigureAwait(false))
                {
                    throw new PodStartFailedException(stuck);
                }

                // A leftover pod (an old ReplicaSet's) while its role has its count: not this run's problem.
                ignored.Add(stuck.Pod);
                log($"Ignoring {stuck.Pod}: {stuck.Reason}, but its role already has its Ready pods");
            }
        }
        catch (TimeoutException e)
        {
            // A fresh look: the wait's own counts are as old as the last change of the role it was watching.
            throw new TimeoutException(
                $"The target's pods were not Ready within {DeadlineName} ({timing.ClusterReadyTimeout.TotalSeconds:0} s): {await LastSeenAsync(ct).ConfigureAwait(false)}.", e);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await IgnoreAsync(ready).ConfigureAwait(false);
        }
    }

    private void Counted(string line)
    {
        _counts = line.Replace("Waiting for pods: ", "", StringComparison.Ordinal);
        log(line);
    }

    private RoleSettings? RoleOf(V1Pod pod) => target.Roles.FirstOrDefault(r => SelectorMatcher.Matches(r.Selector, pod.Metadata.Labels));

    private async Task<bool> RoleIsShortAsync(PodStartFailure stuck, CancellationToken ct)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, fieldSelector: $"metadata.name={stuck.Pod}", cancellationToken: ct).ConfigureAwait(false);
        if (pods.Items.FirstOrDefault() is not { } pod || RoleOf(pod) is not { } role)
        {
            return true;
        }

        return (await _inventory.ReadyPodsAsync(role, ct).ConfigureAwait(false)).Count < role.ExpectedCount;
    }

    // "head 1/1 Ready, worker 0/3 Ready, redis 3/3 Ready. Last seen: worker: ray-worker-x (Running, ...; last event: ...)"
    private async Task<string> LastSeenAsync(CancellationToken ct)
    {
        var counts = new List<string>();
        var parts = new List<string>();
        foreach (var role in target.Roles)
        {
            var pods = await _inventory.PodsAsync(role, ct).ConfigureAwait(false);
            var notReady = pods.Where(p => !PodFacts.IsReady(p)).ToList();
            counts.Add($"{role.Name} {pods.Count - notReady.Count}/{role.ExpectedCount} Ready");
            if (notReady.Count == 0)
            {
                continue;
            }

            var described = new List<string>();
            foreach (var pod in notReady.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
            {
                var lastEvent = await PodStartEvidence.LastEventAsync(client, @namespace, pod.Metadata.Name, ct).ConfigureAwait(false);
                described.Add($"{pod.Metadata.Name} ({PodStateText.Describe(pod)}; last event: {lastEvent ?? "none"})");
            }

            parts.Add($"{role.Name}: {string.Join(", ", described)}");
        }

        return $"{string.Join(", ", counts)}. Last seen: " + (parts.Count == 0 ? "every pod Ready now, but not all at once before the deadline" : string.Join("; ", parts));
    }

    private static async Task IgnoreAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only the outcome of the wait that ended first matters.
        }
    }
}
