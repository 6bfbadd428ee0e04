using System.Net;
using k8s;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

internal sealed partial class KubernetesClientCalls
{
    private async Task VersionAsync()
    {
        var info = await _kube.Version.GetCodeAsync();
        Check(info.GitVersion.StartsWith("v1.32.", StringComparison.Ordinal), $"gitVersion {info.GitVersion}");
    }

    private async Task DiscoveryCoreAsync() =>
        Check((await _kube.Core.GetAPIVersionsAsync()).Versions.Contains("v1"), "/api does not list v1");

    private async Task DiscoveryGroupsAsync()
    {
        var autoscaling = (await _kube.Apis.GetAPIVersionsAsync()).Groups.SingleOrDefault(g => g.Name == "autoscaling");
        Check(autoscaling is not null, "no autoscaling group");
        Check(autoscaling!.Versions.Select(v => v.Version).SequenceEqual(["v2", "v1"]), $"autoscaling versions {string.Join(",", autoscaling.Versions.Select(v => v.Version))}");
        Check(autoscaling.PreferredVersion?.Version == "v2", "autoscaling does not prefer v2");
    }

    private async Task DiscoveryCoreV1ResourcesAsync()
    {
        var eviction = (await _kube.CoreV1.GetAPIResourcesAsync()).Resources.SingleOrDefault(r => r.Name == "pods/eviction");
        Check(eviction is { Group: "policy", Kind: "Eviction" }, "pods/eviction is not policy/v1 Eviction");
    }

    private async Task DiscoveryAutoscalingV1ResourcesAsync()
    {
        var names = (await _kube.AutoscalingV1.GetAPIResourcesAsync()).Resources.Select(r => r.Name).ToList();
        Check(names.Contains("horizontalpodautoscalers"), $"autoscaling/v1 resources {string.Join(",", names)}");
    }

    private async Task<V1Pod> ReadyPodAsync(string selector)
    {
        var pods = (await _kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector)).Items;
        var ready = pods.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        Check(ready.Count > 0, $"no Ready pod matches {selector}");
        return ready[0];
    }

    private async Task PodsLabelSelectorAsync()
    {
        var pods = (await _kube.CoreV1.ListNamespacedPodAsync("default", labelSelector: Worker)).Items;
        Check(pods.Count >= 3, $"{pods.Count} workers");
        Check(pods.All(p => p.Metadata.Labels?["ray.io/node-type"] == "worker"), "a pod without the worker label");
    }

    private async Task PodsFieldSelectorAsync()
    {
        var head = await ReadyPodAsync(Head);
        var pods = (await _kube.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={head.Spec.NodeName}")).Items;
        Check(pods.Any(p => p.Metadata.Name == head.Metadata.Name), "the head is not listed on its node");
        Check(pods.All(p => p.Spec.NodeName == head.Spec.NodeName), "a pod from another node");
    }

    private async Task PodsPagingAsync()
    {
        var everything = (await _kube.CoreV1.ListNamespacedPodAsync("default")).Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        var paged = new List<string>();
        string? token = null;
        do
        {
            var page = await _kube.CoreV1.ListNamespacedPodAsync("default", limit: 2, continueParameter: token);
            Check(page.Items.Count <= 2, $"a page of {page.Items.Count}");
            paged.AddRange(page.Items.Select(p => p.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        Check(paged.Order(StringComparer.Ordinal).SequenceEqual(everything), $"pages {string.Join(",", paged)} != list {string.Join(",", everything)}");
    }

    private async Task ReadMissingPodAsync()
    {
        var status = await ExpectStatusAsync(HttpStatusCode.NotFound, () => _kube.CoreV1.ReadNamespacedPodAsync("ghost", "default"));
        Check(status?.Reason == "NotFound" && status.Message == "pods \"ghost\" not found", $"status {status?.Reason}: {status?.Message}");
    }

    private async Task ReadNodeStatusAsync()
    {
        var info = (await _kube.CoreV1.ReadNodeStatusAsync("zd-node-1")).Status.NodeInfo;
        Check(info.KubeletVersion?.StartsWith("v1.32.", StringComparison.Ordinal) == true && !string.IsNullOrEmpty(info.BootID) && !string.IsNullOrEmpty(info.MachineID),
            $"nodeInfo kubelet {info.KubeletVersion} boot {info.BootID} machine {info.MachineID}");
    }

    private async Task PodLogsAsync()
    {
        var head = await ReadyPodAsync(Head);
        await using var stream = await _kube.CoreV1.ReadNamespacedPodLogAsync(head.Metadata.Name, "default", tailLines: 20);
        using var reader = new StreamReader(stream);
        var log = await reader.ReadToEndAsync();
        Check(log.Trim().Length > 0, "empty log");
    }

    private async Task EventsForPodAsync()
    {
        var head = await ReadyPodAsync(Head);
        var events = (await _kube.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={head.Metadata.Name}")).Items;
        Check(events.Any(e => e.Reason == "Scheduled"), $"no Scheduled event among {string.Join(",", events.Select(e => e.Reason))}");
        Check(events.All(e => e.InvolvedObject.Name == head.Metadata.Name), "an event about another object");
    }

    private async Task PdbStatusAsync()
    {
        var status = (await _kube.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("ray-worker-pdb", "default")).Status;
        Check(status.DesiredHealthy == 2 && status.ExpectedPods == 3, $"desired {status.DesiredHealthy} expected {status.ExpectedPods}");
        Check(status.DisruptionsAllowed == status.CurrentHealthy - status.DesiredHealthy, $"allowed {status.DisruptionsAllowed} healthy {status.CurrentHealthy}");
    }
}
