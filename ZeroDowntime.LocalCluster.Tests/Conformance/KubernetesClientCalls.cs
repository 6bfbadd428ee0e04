using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

/// <summary>
/// The calls of python_conformance.py, made with the official C# client (KubernetesClient) against the same
/// sample target: same names, same order, same checks. Lists and watches deserialize into k8s.Models.
/// </summary>
internal sealed partial class KubernetesClientCalls
{
    private const string Head = "ray.io/node-type=head";
    private const string Worker = "ray.io/node-type=worker";
    private readonly IKubernetes _kube;

    public KubernetesClientCalls(IKubernetes kube)
    {
        _kube = kube;
        Calls =
        [
            ("version", VersionAsync),
            ("discovery_core", DiscoveryCoreAsync),
            ("discovery_groups", DiscoveryGroupsAsync),
            ("discovery_core_v1_resources", DiscoveryCoreV1ResourcesAsync),
            ("discovery_autoscaling_v1_resources", DiscoveryAutoscalingV1ResourcesAsync),
            .. Kind("nodes", 4, (k, ct) => k.CoreV1.ListNodeAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListNodeAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("namespaces", 4, (k, ct) => k.CoreV1.ListNamespaceAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListNamespaceAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("pods", 7, (k, ct) => k.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListPodForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("services", 3, (k, ct) => k.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListServiceForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("endpoints", 3, (k, ct) => k.CoreV1.ListEndpointsForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListEndpointsForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("events", 1, (k, ct) => k.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListEventForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("configmaps", 0, (k, ct) => k.CoreV1.ListConfigMapForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListConfigMapForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("secrets", 0, (k, ct) => k.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListSecretForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("serviceaccounts", 0, (k, ct) => k.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListServiceAccountForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("persistentvolumeclaims", 0, (k, ct) => k.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoreV1.WatchListPersistentVolumeClaimForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("deployments", 2, (k, ct) => k.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AppsV1.WatchListDeploymentForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("statefulsets", 1, (k, ct) => k.AppsV1.ListStatefulSetForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AppsV1.WatchListStatefulSetForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("replicasets", 2, (k, ct) => k.AppsV1.ListReplicaSetForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AppsV1.WatchListReplicaSetForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("daemonsets", 0, (k, ct) => k.AppsV1.ListDaemonSetForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AppsV1.WatchListDaemonSetForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("controllerrevisions", 0, (k, ct) => k.AppsV1.ListControllerRevisionForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AppsV1.WatchListControllerRevisionForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("jobs", 0, (k, ct) => k.BatchV1.ListJobForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.BatchV1.WatchListJobForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("cronjobs", 0, (k, ct) => k.BatchV1.ListCronJobForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.BatchV1.WatchListCronJobForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("poddisruptionbudgets", 3, (k, ct) => k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("horizontalpodautoscalers_v1", 0, (k, ct) => k.AutoscalingV1.ListHorizontalPodAutoscalerForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.AutoscalingV1.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("networkpolicies", 0, (k, ct) => k.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.NetworkingV1.WatchListNetworkPolicyForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("ingresses", 0, (k, ct) => k.NetworkingV1.ListIngressForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.NetworkingV1.WatchListIngressForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("endpointslices", 3, (k, ct) => k.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            .. Kind("leases", 4, (k, ct) => k.CoordinationV1.ListLeaseForAllNamespacesAsync(cancellationToken: ct), (k, t, ct) => k.CoordinationV1.WatchListLeaseForAllNamespacesAsync(timeoutSeconds: t, cancellationToken: ct)),
            ("pods_label_selector", PodsLabelSelectorAsync),
            ("pods_field_selector", PodsFieldSelectorAsync),
            ("pods_paging", PodsPagingAsync),
            ("read_missing_pod_404", ReadMissingPodAsync),
            ("read_node_status", ReadNodeStatusAsync),
            ("cordon_node", () => CordonAsync(true)),
            ("uncordon_node", () => CordonAsync(false)),
            ("pod_logs", PodLogsAsync),
            ("events_for_pod", EventsForPodAsync),
            ("pdb_status", PdbStatusAsync),
            ("evict_refused_429", EvictRefusedAsync),
            ("evict_accepted_201", EvictAcceptedAsync),
            ("create_deployment", CreateDeploymentAsync),
            ("scale_read", ScaleReadAsync),
            ("scale_patch", ScalePatchAsync),
            ("delete_deployment", DeleteDeploymentAsync),
            ("networkpolicy_create", NetworkPolicyCreateAsync),
            ("networkpolicy_read", NetworkPolicyReadAsync),
            ("networkpolicy_delete", NetworkPolicyDeleteAsync),
            ("hpa_v1_create", HpaCreateAsync),
            ("hpa_v1_read", HpaReadAsync),
            ("hpa_v1_patch", HpaPatchAsync),
            ("hpa_v1_delete", HpaDeleteAsync),
            ("hpa_v2beta2_not_served_404", HpaV2beta2Async),
            ("endpointslice_without_endpoints", EndpointSliceWithoutEndpointsAsync),
            ("watch_added_modified_deleted", WatchLifecycleAsync),
        ];
    }

    /// <summary>Every call, in the script's order.</summary>
    public IReadOnlyList<(string Name, Func<Task> Run)> Calls { get; }

    /// <summary>Runs every call; a failure is recorded with the client's error text and the run goes on.</summary>
    public async Task<IReadOnlyList<CallResult>> RunAsync()
    {
        var results = new List<CallResult>();
        foreach (var (name, run) in Calls)
        {
            try
            {
                await run();
                results.Add(new CallResult(name, true, null));
            }
            catch (KnownClientBugException e)
            {
                results.Add(new CallResult(name, true, null, e.Message));
            }
            catch (Exception e)
            {
                // Every failure is one call's result, named with the client's error text; the run goes on.
                results.Add(new CallResult(name, false, Describe(e)));
            }
        }

        return results;
    }

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException http => http.Describe(),
        { InnerException: { } inner } => $"{e.GetType().Name}: {e.Message} ({inner.GetType().Name}: {inner.Message})",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ConformanceCheckException(message);
        }
    }

    /// <summary>Runs <paramref name="call"/>; passes only when it fails with HTTP <paramref name="code"/>, returning the Status.</summary>
    private static async Task<V1Status?> ExpectStatusAsync(HttpStatusCode code, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HttpOperationException e)
        {
            Check(e.Response.StatusCode == code, $"expected HTTP {(int)code}, got {e.Describe()}");
            return e.Status();
        }

        throw new ConformanceCheckException($"expected HTTP {(int)code}, but the call succeeded");
    }

    private IEnumerable<(string, Func<Task>)> Kind<T, TList>(string name, int fewest, Func<IKubernetes, CancellationToken, Task<TList>> list,
        Func<IKubernetes, int, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
        where TList : IItems<T>
    {
        yield return ($"list_{name}", async () =>
        {
            var items = (await list(_kube, CancellationToken.None)).Items;
            Check(items.Count >= fewest, $"{items.Count} {name}, expected at least {fewest}");
        });
        yield return ($"watch_{name}", async () =>
        {
            var expected = (await list(_kube, CancellationToken.None)).Items.Count;
            var added = 0;
            try
            {
                // Without a resourceVersion the server replays every object as ADDED; an empty kind ends at the timeout.
                await foreach (var (type, _) in watch(_kube, expected == 0 ? 1 : 30, CancellationToken.None))
                {
                    added += type == WatchEventType.Added ? 1 : 0;
                    if (expected > 0 && added >= expected)
                    {
                        break;
                    }
                }
            }
            catch (HttpRequestException e) when (expected == 0 && e.InnerException is EndOfStreamException)
            {
                throw new KnownClientBugException(
                    "kubernetes-client/csharp#893: the client throws EndOfStreamException when a watch ends before its first event, " +
                    "which a real API server does too when nothing changes before timeoutSeconds");
            }

            Check(added >= expected, $"{added} ADDED events for {expected} {name}");
        });
    }

    private sealed class ConformanceCheckException(string message) : Exception(message);

    /// <summary>The client failed as it fails against a real cluster, because of its own documented bug.</summary>
    private sealed class KnownClientBugException(string message) : Exception(message);
}
