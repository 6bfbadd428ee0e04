using ZeroDowntime.LocalCluster.Conversion;

namespace ZeroDowntime.LocalCluster.Storage;

public sealed partial class ResourceCatalog
{
    private static readonly string[] ScaleVerbs = ["get", "patch", "update"];

    private static IEnumerable<ResourceType> BuiltinTypes()
    {
        SubresourceInfo Scale() => new("scale", "Scale", ScaleVerbs, "autoscaling", "v1");

        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "pods", Singular = "pod", Kind = "Pod", Namespaced = true,
            ShortNames = ["po"], Categories = ["all"],
            SelectableFields = new Dictionary<string, string[]>
            {
                ["spec.nodeName"] = ["spec", "nodeName"],
                ["spec.restartPolicy"] = ["spec", "restartPolicy"],
                ["spec.schedulerName"] = ["spec", "schedulerName"],
                ["spec.serviceAccountName"] = ["spec", "serviceAccountName"],
                ["status.phase"] = ["status", "phase"],
                ["status.podIP"] = ["status", "podIP"],
                ["status.nominatedNodeName"] = ["status", "nominatedNodeName"],
            },
            ExtraSubresources =
            [
                new("eviction", "Eviction", ["create"], "policy", "v1"),
                new("log", "Pod", ["get"]),
                new("proxy", "PodProxyOptions", ["create", "delete", "get", "patch", "update"]),
                new("exec", "PodExecOptions", ["create", "get"]),
                new("portforward", "PodPortForwardOptions", ["create", "get"]),
            ],
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "nodes", Singular = "node", Kind = "Node", Namespaced = false,
            ShortNames = ["no"],
            SelectableFields = new Dictionary<string, string[]> { ["spec.unschedulable"] = ["spec", "unschedulable"] },
            ExtraSubresources = [new("proxy", "NodeProxyOptions", ["create", "delete", "get", "patch", "update"])],
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "namespaces", Singular = "namespace", Kind = "Namespace", Namespaced = false,
            ShortNames = ["ns"],
            SelectableFields = new Dictionary<string, string[]> { ["status.phase"] = ["status", "phase"] },
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "services", Singular = "service", Kind = "Service", Namespaced = true,
            ShortNames = ["svc"], Categories = ["all"],
            ExtraSubresources = [new("proxy", "ServiceProxyOptions", ["create", "delete", "get", "patch", "update"])],
        };
        yield return Plain("", "v1", "endpoints", "endpoints", "Endpoints", ["ep"]);
        yield return Plain("", "v1", "configmaps", "configmap", "ConfigMap", ["cm"]);
        yield return Plain("", "v1", "secrets", "secret", "Secret", []);
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "serviceaccounts", Singular = "serviceaccount", Kind = "ServiceAccount", Namespaced = true,
            ShortNames = ["sa"], HasStatus = false,
            ExtraSubresources = [new("token", "TokenRequest", ["create"], "authentication.k8s.io", "v1")],
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "events", Singular = "event", Kind = "Event", Namespaced = true,
            ShortNames = ["ev"], HasStatus = false,
            SelectableFields = new Dictionary<string, string[]>
            {
                ["involvedObject.kind"] = ["involvedObject", "kind"],
                ["involvedObject.name"] = ["involvedObject", "name"],
                ["involvedObject.namespace"] = ["involvedObject", "namespace"],
                ["involvedObject.uid"] = ["involvedObject", "uid"],
                ["reason"] = ["reason"],
                ["type"] = ["type"],
            },
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Plural = "persistentvolumeclaims", Singular = "persistentvolumeclaim",
            Kind = "PersistentVolumeClaim", Namespaced = true, ShortNames = ["pvc"],
        };

        yield return Workload("deployments", "deployment", "Deployment", ["deploy"], Scale());
        yield return Workload("statefulsets", "statefulset", "StatefulSet", ["sts"], Scale());
        yield return Workload("replicasets", "replicaset", "ReplicaSet", ["rs"], Scale());
        yield return Workload("daemonsets", "daemonset", "DaemonSet", ["ds"], null);
        yield return new ResourceType
        {
            Group = "apps", Version = "v1", Plural = "controllerrevisions", Singular = "controllerrevision",
            Kind = "ControllerRevision", Namespaced = true, HasStatus = false,
        };

        yield return new ResourceType
        {
            Group = "batch", Version = "v1", Plural = "jobs", Singular = "job", Kind = "Job", Namespaced = true,
            Categories = ["all"], TracksGeneration = true, DefaultPropagation = PropagationPolicy.Orphan,
        };
        yield return new ResourceType
        {
            Group = "batch", Version = "v1", Plural = "cronjobs", Singular = "cronjob", Kind = "CronJob", Namespaced = true,
            ShortNames = ["cj"], Categories = ["all"], TracksGeneration = true,
        };
        yield return new ResourceType
        {
            Group = "policy", Version = "v1", Plural = "poddisruptionbudgets", Singular = "poddisruptionbudget",
            Kind = "PodDisruptionBudget", Namespaced = true, ShortNames = ["pdb"], TracksGeneration = true,
        };
        yield return new ResourceType
        {
            Group = "autoscaling", Version = "v2", Plural = "horizontalpodautoscalers", Singular = "horizontalpodautoscaler",
            Kind = "HorizontalPodAutoscaler", Namespaced = true, ShortNames = ["hpa"], Categories = ["all"], TracksGeneration = true,
            OtherVersions = [new ServedVersion("v1", HorizontalPodAutoscalerV1Converter.Instance)],
        };
        yield return new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Plural = "networkpolicies", Singular = "networkpolicy",
            Kind = "NetworkPolicy", Namespaced = true, ShortNames = ["netpol"], HasStatus = false, TracksGeneration = true,
        };
        yield return new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Plural = "ingresses", Singular = "ingress",
            Kind = "Ingress", Namespaced = true, ShortNames = ["ing"], TracksGeneration = true,
        };
        yield return new ResourceType
        {
            Group = "discovery.k8s.io", Version = "v1", Plural = "endpointslices", Singular = "endpointslice",
            Kind = "EndpointSlice", Namespaced = true, HasStatus = false,
        };
        yield return new ResourceType
        {
            Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Singular = "lease",
            Kind = "Lease", Namespaced = true, HasStatus = false,
        };
        foreach (var type in RbacTypes())
        {
            yield return type;
        }
    }

    private static ResourceType Plain(string group, string version, string plural, string singular, string kind, string[] shortNames) =>
        new()
        {
            Group = group, Version = version, Plural = plural, Singular = singular, Kind = kind, Namespaced = true,
            ShortNames = shortNames, HasStatus = false,
        };

    private static ResourceType Workload(string plural, string singular, string kind, string[] shortNames, SubresourceInfo? scale) =>
        new()
        {
            Group = "apps", Version = "v1", Plural = plural, Singular = singular, Kind = kind, Namespaced = true,
            ShortNames = shortNames, Categories = ["all"], TracksGeneration = true, HasScale = scale is not null,
        };
}
