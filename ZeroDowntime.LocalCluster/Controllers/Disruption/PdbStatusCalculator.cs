using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Disruption;

/// <summary>A computed PDB status and when it must be recomputed (a disruptedPods entry expiring).</summary>
/// <param name="Status">The new status.</param>
/// <param name="RecheckAfter">Time until the earliest disruptedPods entry expires, or null.</param>
public sealed record PdbCalculation(PodDisruptionBudgetStatus Status, TimeSpan? RecheckAfter);

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
    public static bool NeedsControllerScale(PodDisruptionBudgetSpec? spec) =>
        spec?.MaxUnavailable is not null || spec?.MinAvailable is { IsInt: false };

    /// <summary>Computes the status of <paramref name="pdb"/> over the pods its selector matches.</summary>
    /// <param name="pdb">The budget, with its current status (disruptedPods are carried over).</param>
    /// <param name="pods">The pods matching its selector in its namespace, terminating ones included.</param>
    /// <param name="controllersScale">Sum of spec.replicas of the pods' distinct controllers (used when <see cref="NeedsControllerScale"/>).</param>
    /// <param name="now">The current time.</param>
    public static PdbCalculation Calculate(PodDisruptionBudget pdb, IReadOnlyList<Pod> pods, int controllersScale, DateTimeOffset now)
    {
        var spec = pdb.Spec ?? new PodDisruptionBudgetSpec();
        int expected, desired;
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            expected = controllersScale;
            desired = Math.Max(0, expected - maxUnavailable.Resolve(expected, roundUp: true));
        }
        else if (spec.MinAvailable is { IsInt: true } minInt)
        {
            expected = pods.Count;
            desired = minInt.IntValue!.Value;
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
        var healthy = pods.Count(p => !p.IsTerminating() && !disrupted.ContainsKey(p.Metadata.Name ?? "") && p.HasReadyCondition());
        var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);
        var status = (pdb.Status ?? new PodDisruptionBudgetStatus()) with
        {
            ObservedGeneration = pdb.Metadata.Generation,
            ExpectedPods = expected,
            DesiredHealthy = desired,
            CurrentHealthy = healthy,
            DisruptionsAllowed = allowed,
            DisruptedPods = disrupted.Count == 0 ? null : disrupted,
        };
        return new PdbCalculation(WithAllowedCondition(status, now), recheck);
    }

    /// <summary>A fail-safe status: no disruptions allowed, condition DisruptionAllowed=False reason SyncFailed.</summary>
    public static PodDisruptionBudgetStatus SyncFailed(PodDisruptionBudget pdb, string message, DateTimeOffset now)
    {
        var status = (pdb.Status ?? new PodDisruptionBudgetStatus()) with { DisruptionsAllowed = 0, ObservedGeneration = pdb.Metadata.Generation };
        return status with { Conditions = SetCondition(status.Conditions, "False", "SyncFailed", message, status.ObservedGeneration, now) };
    }

    /// <summary>Sets DisruptionAllowed from disruptionsAllowed (True/SufficientPods or False/InsufficientPods).</summary>
    public static PodDisruptionBudgetStatus WithAllowedCondition(PodDisruptionBudgetStatus status, DateTimeOffset now) =>
        status with
        {
            Conditions = status.DisruptionsAllowed > 0
                ? SetCondition(status.Conditions, "True", "SufficientPods", "", status.ObservedGeneration, now)
                : SetCondition(status.Conditions, "False", "InsufficientPods", "", status.ObservedGeneration, now),
        };

    private static (Dictionary<string, DateTimeOffset> Live, TimeSpan? Recheck) LiveDisruptedPods(
        IReadOnlyDictionary<string, DateTimeOffset>? entries, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var live = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        TimeSpan? recheck = null;
        if (entries is null)
        {
            return (live, null);
        }

        // An entry stays while its pod exists, is not yet terminating and the eviction is under 2 minutes old.
        foreach (var pod in pods.Where(p => !p.IsTerminating()))
        {
            if (entries.TryGetValue(pod.Metadata.Name ?? "", out var at) && at + DeletionTimeout > now)
            {
                live[pod.Metadata.Name!] = at;
                var left = at + DeletionTimeout - now;
                recheck = recheck is null || left < recheck ? left : recheck;
            }
        }

        return (live, recheck);
    }

    private static List<Condition> SetCondition(IReadOnlyList<Condition>? conditions, string status, string reason, string message,
        long? observedGeneration, DateTimeOffset now)
    {
        var list = (conditions ?? []).Where(c => c.Type != "DisruptionAllowed").ToList();
        var existing = conditions?.FirstOrDefault(c => c.Type == "DisruptionAllowed");
        list.Add(new Condition
        {
            Type = "DisruptionAllowed",
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = existing?.Status == status ? existing.LastTransitionTime : now,
        });
        return list;
    }
}
