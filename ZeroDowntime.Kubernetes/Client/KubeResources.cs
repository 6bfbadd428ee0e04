using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>The kinds the suite lists and watches, each bound to the official client's operations.</summary>
/// <example><code>
/// var pods = await kube.ListAllAsync(KubeResources.Pods, "ray", labelSelector: "ray.io/node-type=worker");
/// await foreach (var (type, pod) in kube.ListAndWatchAsync(KubeResources.Pods, "ray", ct: ct)) { ... }
/// </code></example>
public static class KubeResources
{
    /// <summary>core/v1 pods.</summary>
    public static readonly KubeResource<V1Pod, V1PodList> Pods = new("pods", true,
        (k, ns, p, ct) => ns is null
            ? k.CoreV1.ListPodForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.CoreV1.ListNamespacedPodAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.CoreV1.WatchListNamespacedPodAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>core/v1 nodes.</summary>
    public static readonly KubeResource<V1Node, V1NodeList> Nodes = new("nodes", false,
        (k, _, p, ct) => k.CoreV1.ListNodeAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, _, w, onError, ct) => k.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>core/v1 events.</summary>
    public static readonly KubeResource<Corev1Event, Corev1EventList> Events = new("events", true,
        (k, ns, p, ct) => ns is null
            ? k.CoreV1.ListEventForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.CoreV1.ListNamespacedEventAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.CoreV1.WatchListEventForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.CoreV1.WatchListNamespacedEventAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>core/v1 services.</summary>
    public static readonly KubeResource<V1Service, V1ServiceList> Services = new("services", true,
        (k, ns, p, ct) => ns is null
            ? k.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.CoreV1.ListNamespacedServiceAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.CoreV1.WatchListNamespacedServiceAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>core/v1 configmaps.</summary>
    public static readonly KubeResource<V1ConfigMap, V1ConfigMapList> ConfigMaps = new("configmaps", true,
        (k, ns, p, ct) => ns is null
            ? k.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.CoreV1.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.CoreV1.WatchListNamespacedConfigMapAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>batch/v1 jobs.</summary>
    public static readonly KubeResource<V1Job, V1JobList> Jobs = new("jobs", true,
        (k, ns, p, ct) => ns is null
            ? k.BatchV1.ListJobForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.BatchV1.ListNamespacedJobAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.BatchV1.WatchListJobForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.BatchV1.WatchListNamespacedJobAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>policy/v1 poddisruptionbudgets.</summary>
    public static readonly KubeResource<V1PodDisruptionBudget, V1PodDisruptionBudgetList> PodDisruptionBudgets = new("poddisruptionbudgets", true,
        (k, ns, p, ct) => ns is null
            ? k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>apps/v1 deployments.</summary>
    public static readonly KubeResource<V1Deployment, V1DeploymentList> Deployments = new("deployments", true,
        (k, ns, p, ct) => ns is null
            ? k.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>apps/v1 statefulsets.</summary>
    public static readonly KubeResource<V1StatefulSet, V1StatefulSetList> StatefulSets = new("statefulsets", true,
        (k, ns, p, ct) => ns is null
            ? k.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.AppsV1.WatchListStatefulSetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.AppsV1.WatchListNamespacedStatefulSetAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>apps/v1 replicasets.</summary>
    public static readonly KubeResource<V1ReplicaSet, V1ReplicaSetList> ReplicaSets = new("replicasets", true,
        (k, ns, p, ct) => ns is null
            ? k.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.AppsV1.ListNamespacedReplicaSetAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.AppsV1.WatchListReplicaSetForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.AppsV1.WatchListNamespacedReplicaSetAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>networking.k8s.io/v1 networkpolicies.</summary>
    public static readonly KubeResource<V1NetworkPolicy, V1NetworkPolicyList> NetworkPolicies = new("networkpolicies", true,
        (k, ns, p, ct) => ns is null
            ? k.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.NetworkingV1.WatchListNetworkPolicyForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.NetworkingV1.WatchListNamespacedNetworkPolicyAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));

    /// <summary>autoscaling/v2 horizontalpodautoscalers.</summary>
    public static readonly KubeResource<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList> HorizontalPodAutoscalers = new("horizontalpodautoscalers", true,
        (k, ns, p, ct) => ns is null
            ? k.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct)
            : k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, continueParameter: p.Continue, fieldSelector: p.FieldSelector, labelSelector: p.LabelSelector, limit: p.Limit, cancellationToken: ct),
        (k, ns, w, onError, ct) => ns is null
            ? k.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct)
            : k.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, allowWatchBookmarks: true, fieldSelector: w.FieldSelector, labelSelector: w.LabelSelector, resourceVersion: w.ResourceVersion, timeoutSeconds: w.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
