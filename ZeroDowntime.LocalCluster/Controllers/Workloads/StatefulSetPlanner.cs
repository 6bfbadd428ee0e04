namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>What the StatefulSet controller knows about the pod at one ordinal.</summary>
/// <param name="Ordinal">The pod's ordinal (<c>name-ORDINAL</c>).</param>
/// <param name="Revision">Its <c>controller-revision-hash</c> label.</param>
/// <param name="Terminating">deletionTimestamp is set.</param>
/// <param name="RunningAndReady">Phase Running and condition Ready=True.</param>
/// <param name="Finished">Phase Succeeded or Failed (to be deleted and recreated).</param>
public sealed record StatefulPodState(int Ordinal, string Revision, bool Terminating, bool RunningAndReady, bool Finished);

/// <summary>One step of a StatefulSet reconcile.</summary>
/// <param name="Kind">Create or Delete the pod at <paramref name="Ordinal"/>.</param>
/// <param name="Ordinal">The ordinal acted on.</param>
public sealed record StatefulSetAction(StatefulSetActionKind Kind, int Ordinal);

/// <summary>Create or delete.</summary>
public enum StatefulSetActionKind
{
    /// <summary>Create the pod (same name, new uid).</summary>
    Create,

    /// <summary>Delete the pod (graceful).</summary>
    Delete,
}

/// <summary>
/// The StatefulSet controller's ordering rules (pkg/controller/statefulset/stateful_set_control.go)
/// as a pure function. OrderedReady: create the lowest missing ordinal only when every lower one is
/// Running and Ready; wait for a terminating pod to be gone before recreating it; scale down from
/// the highest ordinal, one at a time; roll out from the highest ordinal down to the partition, one
/// pod at a time and only when all pods are Running and Ready. Parallel creates and deletes at once.
/// </summary>
/// <example><code>
/// var next = StatefulSetPlanner.Plan(3, "OrderedReady", 0, "web-abc", pods); // e.g. [Create 1]
/// </code></example>
public static class StatefulSetPlanner
{
    /// <summary>The actions to take now (empty: wait for the next change).</summary>
    public static IReadOnlyList<StatefulSetAction> Plan(int replicas, string? podManagementPolicy, int partition, string updateRevision,
        IReadOnlyCollection<StatefulPodState> pods, bool rollingUpdate = true)
    {
        var parallel = podManagementPolicy == "Parallel";
        var byOrdinal = pods.ToDictionary(p => p.Ordinal);
        var actions = new List<StatefulSetAction>();
        var allHealthy = true;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            byOrdinal.TryGetValue(ordinal, out var pod);
            StatefulSetAction? action = pod switch
            {
                null => new StatefulSetAction(StatefulSetActionKind.Create, ordinal),
                { Finished: true, Terminating: false } => new StatefulSetAction(StatefulSetActionKind.Delete, ordinal),
                _ => null,
            };
            if (action is not null)
            {
                actions.Add(action);
                allHealthy = false;
                if (!parallel)
                {
                    return actions;
                }

                continue;
            }

            if (pod!.Terminating || !pod.RunningAndReady)
            {
                allHealthy = false;
                if (!parallel)
                {
                    return actions;
                }
            }
        }

        var condemned = pods.Where(p => p.Ordinal >= replicas).OrderByDescending(p => p.Ordinal).ToList();
        if (condemned.Count > 0)
        {
            if (parallel)
            {
                actions.AddRange(condemned.Where(p => !p.Terminating).Select(p => new StatefulSetAction(StatefulSetActionKind.Delete, p.Ordinal)));
                return actions;
            }

            // One at a time from the highest ordinal, once the previous one is gone.
            return condemned[0].Terminating ? actions : [new StatefulSetAction(StatefulSetActionKind.Delete, condemned[0].Ordinal)];
        }

        if (!allHealthy || !rollingUpdate)
        {
            return actions;
        }

        for (var ordinal = replicas - 1; ordinal >= Math.Max(0, partition); ordinal--)
        {
            if (byOrdinal[ordinal].Revision != updateRevision)
            {
                return [new StatefulSetAction(StatefulSetActionKind.Delete, ordinal)];
            }
        }

        return actions;
    }
}
