using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Disruption;

/// <summary>
/// The disruption controller's arithmetic (pkg/controller/disruption) as a pure function:
/// <list type="bullet">
/// <item>integer minAvailable: expectedPods = matching pods, desiredHealthy = minAvailable;</item>
/// <item>percentage minAvailable: expectedPods = the controllers' scale, desiredHealthy = the percentage rounded up;</item>
/// <item>maxUnavailable: expectedPods = the controllers' scale, desiredHealthy = max(0, expected - maxUnavailable rounded up);</item>
/// <item>currentHealthy = Ready pods that are not terminating and not in disruptedPods (entries expire after 2 min);</item>
/// <item>disruptionsAllowed = max(0, currentHealthy - desiredHealthy), 0 when no pods are expected.</item>
/// </list>
/// </summary>
/// <example><code>
/// var result = PdbStatusCalculator.Calculate(pdb, matchingPods, controllersScale: 3, now);
/// // result.Status.DisruptionsAllowed
/// </code></example>
public static class PdbStatusCalculator
{
    /// <summary>How long an eviction's disruptedPods entry holds a pod out of currentHealthy.</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>True when expectedPods must come from the controllers' scale (percentage minAvailable, or maxUnavailable).</summary>
    public static bool NeedsControllerScale(V1PodDisruptionBudgetSpec? spec) =>
        spec?.MaxUnavailable is not null || (spec?.MinAvailable is { } min && !min.IsInt());

    /// <summary>Computes the status of <paramref name="pdb"/> over the pods its selector matches.</summary>
    /// <param name="pdb">The budget, with its current status (disruptedPods are carried over).</param>
    /// <param name="pods">The pods matching its selector in its namespace, terminating ones included.</param>
    /// <param name="controllersScale">Sum of spec.replicas of the pods' distinct controllers (used when <see cref="NeedsControllerScale"/>).</param>
    /// <param name="now">The current time.</param>
    public static PdbCalculation Calculate(V1PodDisruptionBudget pdb, IReadOnlyList<V1Pod> pods, int controllersScale, DateTimeOffset now)
    {
        var spec = pdb.Spec ?? new V1PodDisruptionBudgetSpec();
        int expected, desired;
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            expected = controllersScale;
            desired = Math.Max(0, expected - maxUnavailable.Resolve(expected, roundUp: true));
        }
        else if (spec.MinAvailable?.IntValue() is { } minInt)
        {
            expected = pods.Count;
            desired = minInt;
        }
        else if (spec.MinAvailable is { } minPercent)
        {
            expected = controllersScale;
            desired = minPercent.Resolve(expected, roundUp: true);
        }
        else
        {
            expected = pods.Count;
            desired = 0;
        }

        var (disrupted, recheck) = LiveDisruptedPods(pdb.Status?.DisruptedPods, pods, now);
        var healthy = pods.Count(p => !p.IsTerminating() && !disrupted.ContainsKey(p.Metadata?.Name ?? "") && p.HasReadyCondition());
        var status = new V1PodDisruptionBudgetStatus
        {
            ObservedGeneration = pdb.Metadata?.Generation,
            ExpectedPods = expected,
            DesiredHealthy = desired,
            CurrentHealthy = healthy,
            DisruptionsAllowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired),
            DisruptedPods = disrupted.Count == 0 ? null : disrupted,
            Conditions = pdb.Status?.Conditions,
        };
        SetAllowedCondition(status, now);
        return new PdbCalculation(status, recheck);
    }

    /// <summary>A fail-safe status: no disruptions allowed, condition DisruptionAllowed=False reason SyncFailed.</summary>
    public static V1PodDisruptionBudgetStatus SyncFailed(V1PodDisruptionBudget pdb, string message, DateTimeOffset now)
    {
        var previous = pdb.Status ?? new V1PodDisruptionBudgetStatus();
        var generation = pdb.Metadata?.Generation;
        return new V1PodDisruptionBudgetStatus
        {
            ObservedGeneration = generation,
            ExpectedPods = previous.ExpectedPods,
            DesiredHealthy = previous.DesiredHealthy,
            CurrentHealthy = previous.CurrentHealthy,
            DisruptionsAllowed = 0,
            DisruptedPods = previous.DisruptedPods,
            Conditions = WithCondition(previous.Conditions, "False", "SyncFailed", message, generation, now),
        };
    }

    /// <summary>Sets DisruptionAllowed from disruptionsAllowed (True/SufficientPods or False/InsufficientPods).</summary>
    public static void SetAllowedCondition(V1PodDisruptionBudgetStatus status, DateTimeOffset now) =>
        status.Conditions = status.DisruptionsAllowed > 0
            ? WithCondition(status.Conditions, "True", "SufficientPods", "", status.ObservedGeneration, now)
            : WithCondition(status.Conditions, "False", "InsufficientPods", "", status.ObservedGeneration, now);

    private static (Dictionary<string, DateTime?> Live, TimeSpan? Recheck) LiveDisruptedPods(
        IDictionary<string, DateTime?>? entries, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var live = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        TimeSpan? recheck = null;
        if (entries is null)
        {
            return (live, null);
        }

        // An entry stays while its pod exists, is not yet terminating and the eviction is under 2 minutes old.
        foreach (var pod in pods.Where(p => !p.IsTerminating()))
        {
            var name = pod.Metadata?.Name ?? "";
            if (entries.TryGetValue(name, out var entry) && entry is { } at && at.At() + DeletionTimeout > now)
            {
                live[name] = at;
                var left = at.At() + DeletionTimeout - now;
                recheck = recheck is null || left < recheck ? left : recheck;
            }
        }

        return (live, recheck);
    }

    private static List<V1Condition> WithCondition(IList<V1Condition>? conditions, string status, string reason, string message,
        long? observedGeneration, DateTimeOffset now)
    {
        var list = (conditions ?? []).Where(c => c.Type != "DisruptionAllowed").ToList();
        var existing = conditions?.FirstOrDefault(c => c.Type == "DisruptionAllowed");
        list.Add(new V1Condition
        {
            Type = "DisruptionAllowed",
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = existing?.Status == status ? existing.LastTransitionTime : now.UtcDateTime,
        });
        return list;
    }
}
