using System.Net;
using k8s;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

internal sealed partial class KubernetesClientCalls
{
    private const string ScaleTarget = "conformance-scale";
    private const string Policy = "conformance-isolate-nothing";
    private const string Hpa = "conformance-hpa";
    private const string Watched = "conformance-watched";

    private async Task CordonAsync(bool cordon)
    {
        var patch = new V1Patch(cordon ? """{"spec":{"unschedulable":true}}""" : """{"spec":{"unschedulable":null}}""", V1Patch.PatchType.StrategicMergePatch);
        var node = await _kube.CoreV1.PatchNodeAsync(patch, "zd-node-4");
        Check((node.Spec.Unschedulable == true) == cordon, $"unschedulable is {node.Spec.Unschedulable}");
    }

    private static V1Eviction Eviction(V1Pod pod) => new() { Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = "default" } };

    private async Task EvictRefusedAsync()
    {
        var head = await ReadyPodAsync(Head);
        var status = await ExpectStatusAsync(HttpStatusCode.TooManyRequests, () => _kube.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(head), head.Metadata.Name, "default"));
        Check(status?.Reason == "TooManyRequests", $"reason {status?.Reason}");
        Check(status?.Details?.Causes?.Any(c => c.Reason == "DisruptionBudget") == true, "no DisruptionBudget cause");
    }

    private async Task EvictAcceptedAsync()
    {
        var worker = await ReadyPodAsync(Worker);
        await _kube.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(worker), worker.Metadata.Name, "default");
        var pod = await _kube.CoreV1.ReadNamespacedPodAsync(worker.Metadata.Name, "default");
        Check(pod.Metadata.DeletionTimestamp is not null, "the evicted pod is not terminating");
    }

    private async Task CreateDeploymentAsync()
    {
        var labels = new Dictionary<string, string> { ["app"] = ScaleTarget };
        var created = await _kube.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = ScaleTarget },
            Spec = new V1DeploymentSpec
            {
                Replicas = 0,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "registry.invalid/conformance:1" }] },
                },
            },
        }, "default");
        Check(created.Spec.Replicas == 0, $"replicas {created.Spec.Replicas}");
    }

    private async Task ScaleReadAsync() =>
        Check((await _kube.AppsV1.ReadNamespacedDeploymentScaleAsync(ScaleTarget, "default")).Spec.Replicas == 0, "scale is not 0");

    private async Task ScalePatchAsync()
    {
        var scale = await _kube.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), ScaleTarget, "default");
        Check(scale.Spec.Replicas == 2, $"scale {scale.Spec.Replicas}");
        Check((await _kube.AppsV1.ReadNamespacedDeploymentAsync(ScaleTarget, "default")).Spec.Replicas == 2, "the deployment did not take the new scale");
    }

    private async Task DeleteDeploymentAsync()
    {
        await _kube.AppsV1.DeleteNamespacedDeploymentAsync(ScaleTarget, "default", propagationPolicy: "Background");
        await ExpectStatusAsync(HttpStatusCode.NotFound, () => _kube.AppsV1.ReadNamespacedDeploymentAsync(ScaleTarget, "default"));
    }

    private async Task NetworkPolicyCreateAsync()
    {
        var created = await _kube.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = Policy },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["conformance"] = "selects-no-pod" } },
                PolicyTypes = ["Ingress"],
            },
        }, "default");
        Check(!string.IsNullOrEmpty(created.Metadata.Uid), "no uid");
    }

    private async Task NetworkPolicyReadAsync()
    {
        var policy = await _kube.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Policy, "default");
        Check(policy.Spec.PodSelector.MatchLabels?["conformance"] == "selects-no-pod", "pod selector changed");
    }

    private async Task NetworkPolicyDeleteAsync()
    {
        await _kube.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(Policy, "default");
        await ExpectStatusAsync(HttpStatusCode.NotFound, () => _kube.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Policy, "default"));
    }

    private async Task HpaCreateAsync()
    {
        var created = await _kube.AutoscalingV1.CreateNamespacedHorizontalPodAutoscalerAsync(new V1HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = Hpa },
            Spec = new V1HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V1CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "conformance-absent" },
                MinReplicas = 1,
                MaxReplicas = 3,
                TargetCPUUtilizationPercentage = 50,
            },
        }, "default");
        Check(created.Spec.TargetCPUUtilizationPercentage == 50, $"target {created.Spec.TargetCPUUtilizationPercentage}");
    }

    private async Task HpaReadAsync()
    {
        var hpa = await _kube.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync(Hpa, "default");
        Check(hpa.Spec.MaxReplicas == 3 && hpa.Status is not null, $"max {hpa.Spec.MaxReplicas}, status {(hpa.Status is null ? "missing" : "present")}");
    }

    private async Task HpaPatchAsync()
    {
        var hpa = await _kube.AutoscalingV1.PatchNamespacedHorizontalPodAutoscalerAsync(
            new V1Patch("""{"spec":{"targetCPUUtilizationPercentage":70}}""", V1Patch.PatchType.MergePatch), Hpa, "default");
        Check(hpa.Spec.TargetCPUUtilizationPercentage == 70, $"target {hpa.Spec.TargetCPUUtilizationPercentage}");
    }

    private async Task HpaDeleteAsync()
    {
        await _kube.AutoscalingV1.DeleteNamespacedHorizontalPodAutoscalerAsync(Hpa, "default");
        await ExpectStatusAsync(HttpStatusCode.NotFound, () => _kube.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync(Hpa, "default"));
    }

    // autoscaling/v2beta2 was removed in 1.26 (the C# client has no typed API for it any more): a 1.32 server answers 404.
    private Task HpaV2beta2Async() =>
        ExpectStatusAsync(HttpStatusCode.NotFound, () => _kube.CustomObjects.ListClusterCustomObjectAsync("autoscaling", "v2beta2", "horizontalpodautoscalers"));

    private async Task EndpointSliceWithoutEndpointsAsync()
    {
        const string name = "conformance-no-backends";
        await _kube.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["conformance"] = "selects-no-pod" },
                Ports = [new V1ServicePort { Port = 80 }],
            },
        }, "default");
        try
        {
            V1EndpointSlice? slice = null;
            await foreach (var (_, added) in _kube.DiscoveryV1.WatchListNamespacedEndpointSliceAsync("default",
                               labelSelector: $"kubernetes.io/service-name={name}", timeoutSeconds: 30))
            {
                slice = added;
                break;
            }

            Check(slice is not null, "no EndpointSlice for a service without backends");
            Check(slice!.Endpoints is null or { Count: 0 }, $"{slice.Endpoints?.Count} endpoints");
        }
        finally
        {
            await _kube.CoreV1.DeleteNamespacedServiceAsync(name, "default");
        }
    }

    private async Task WatchLifecycleAsync()
    {
        var start = (await _kube.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        var seen = new List<WatchEventType>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(35));
        var consume = Task.Run(async () =>
        {
            await foreach (var (type, _) in _kube.CoreV1.WatchListNamespacedConfigMapAsync("default", fieldSelector: $"metadata.name={Watched}",
                               resourceVersion: start, timeoutSeconds: 30, cancellationToken: deadline.Token))
            {
                seen.Add(type);
                if (type == WatchEventType.Deleted)
                {
                    break;
                }
            }
        });
        await _kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = Watched },
            Data = new Dictionary<string, string> { ["step"] = "1" },
        }, "default");
        await _kube.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"step":"2"}}""", V1Patch.PatchType.MergePatch), Watched, "default");
        await _kube.CoreV1.DeleteNamespacedConfigMapAsync(Watched, "default");
        await consume;
        Check(seen.SequenceEqual([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted]), $"events {string.Join(",", seen)}");
    }
}
