using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// Finds the HorizontalPodAutoscaler that scales the worker pods: by name when one is configured,
/// else the HPA whose <c>scaleTargetRef</c> is the workload owning them (a Deployment through its
/// ReplicaSet, or a StatefulSet). Failures are one sentence that says what to fix.
/// </summary>
public static class HpaLocator
{
    /// <summary>The HPA, or a sentence saying why none was found.</summary>
    public static async Task<(V2HorizontalPodAutoscaler? Hpa, string? Problem)> FindAsync(IKubernetes client, string ns, string workerSelector,
        string? name, string context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (name is not null)
        {
            try
            {
                return (await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: ct).ConfigureAwait(false), null);
            }
            catch (HttpOperationException e) when (e.IsNotFound())
            {
                return (null, $"The HorizontalPodAutoscaler '{name}' (ZD_TIMING__AUTOSCALING__HPA_NAME) was not found in namespace '{ns}' on context '{context}'.");
            }
        }

        var hpas = (await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, cancellationToken: ct).ConfigureAwait(false)).Items;
        if (hpas.Count == 0)
        {
            return (null, $"No HorizontalPodAutoscaler in namespace '{ns}' on context '{context}': the Autoscaling scenario needs one that scales the worker pods ({workerSelector}).");
        }

        var owners = await WorkloadsOfAsync(client, ns, workerSelector, ct).ConfigureAwait(false);
        var match = hpas.FirstOrDefault(h => owners.Contains((h.Spec.ScaleTargetRef.Kind, h.Spec.ScaleTargetRef.Name)));
        return match is not null
            ? (match, null)
            : (null, $"None of the HorizontalPodAutoscalers in namespace '{ns}' ({string.Join(", ", hpas.Select(Describe))}) scales the workload of the worker pods " +
                     $"({(owners.Count == 0 ? "none found" : string.Join(", ", owners.Select(o => $"{o.Kind}/{o.Name}")))}); set ZD_TIMING__AUTOSCALING__HPA_NAME.");
    }

    /// <summary><c>ray-worker → Deployment/ray-worker</c>.</summary>
    public static string Describe(V2HorizontalPodAutoscaler hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        return $"{hpa.Metadata.Name} → {hpa.Spec.ScaleTargetRef.Kind}/{hpa.Spec.ScaleTargetRef.Name}";
    }

    private static async Task<HashSet<(string Kind, string Name)>> WorkloadsOfAsync(IKubernetes client, string ns, string selector, CancellationToken ct)
    {
        var owners = new HashSet<(string, string)>();
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: ct).ConfigureAwait(false);
        foreach (var owner in pods.Items.Select(p => p.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true)).OfType<V1OwnerReference>().DistinctBy(o => o.Uid))
        {
            owners.Add((owner.Kind, owner.Name));
            if (owner.Kind == "ReplicaSet")
            {
                try
                {
                    var set = await client.AppsV1.ReadNamespacedReplicaSetAsync(owner.Name, ns, cancellationToken: ct).ConfigureAwait(false);
                    if (set.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } deployment)
                    {
                        owners.Add((deployment.Kind, deployment.Name));
                    }
                }
                catch (HttpOperationException e) when (e.IsNotFound())
                {
                    // An old ReplicaSet that just went away: its pods are on their way out too.
                }
            }
        }

        return owners;
    }
}
