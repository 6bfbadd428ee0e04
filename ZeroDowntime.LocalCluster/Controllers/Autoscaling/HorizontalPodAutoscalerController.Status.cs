using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

public sealed partial class HorizontalPodAutoscalerController
{
    /// <summary>The API server's default for an HPA without metrics: cpu at 80% of request.</summary>
    private static readonly V2MetricSpec DefaultCpuMetric = new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 80 } },
    };

    /// <summary>The scale target, or null after recording FailedGetScale (condition, event, status).</summary>
    private ScaleTarget? Target(ClusterApi api, V2HorizontalPodAutoscaler hpa)
    {
        var ns = hpa.Metadata.NamespaceProperty;
        var reference = hpa.Spec?.ScaleTargetRef ?? new V2CrossVersionObjectReference();
        var apiVersion = reference.ApiVersion ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        string error;
        if (api.Resources.FindKind(apiVersion, reference.Kind ?? "") is not { HasScale: true } type)
        {
            error = $"no matches for kind \"{reference.Kind}\" in group \"{group}\"";
        }
        else if (api.For(type) is var client && client.TryGet(ns, reference.Name ?? "") is not { } target)
        {
            error = $"{type.Plural}{(type.Group.Length > 0 ? "." + type.Group : "")} \"{reference.Name}\" not found";
        }
        else
        {
            var replicas = (int)(target.GetInt64("spec", "replicas") ?? 1);
            return new ScaleTarget(client, reference.Name ?? "", replicas, LabelSelectorMatcher.FromJson(target.GetNode("spec", "selector") as JsonObject));
        }

        var now = api.Time.GetUtcNow();
        var status = new StatusDraft(hpa);
        _events.Warning(api, hpa, "FailedGetScale", error);
        status.Set(HpaCondition.False(HpaCondition.AbleToScale, "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {error}"), now);
        WriteStatus(api, hpa, status, hpa.Status?.CurrentReplicas ?? 0, hpa.Status?.DesiredReplicas ?? 0, CurrentMetrics(hpa), rescaled: false);
        return null;
    }

    /// <summary>setStatus + updateStatusIfNeeded: the store commits nothing when the status is unchanged.</summary>
    private static void WriteStatus(ClusterApi api, V2HorizontalPodAutoscaler hpa, StatusDraft draft, int current, int desired,
        JsonArray? metrics, bool rescaled)
    {
        api.HorizontalPodAutoscalers.Mutate(hpa.Metadata.NamespaceProperty, hpa.Metadata.Name, o =>
        {
            var status = o.Ensure("status");
            status["currentReplicas"] = current;
            status["desiredReplicas"] = desired;
            if (metrics is null)
            {
                status.Remove("currentMetrics");
            }
            else
            {
                status["currentMetrics"] = metrics;
            }

            status["conditions"] = Typed.ToNode(draft.Conditions);
            if (rescaled)
            {
                status["lastScaleTime"] = api.Timestamp();
            }
        }, status: true);
    }

    // One entry per metric spec, in spec order (kubectl matches them by index); a metric that failed has an empty status, as upstream writes it.
    private static JsonArray? CurrentMetrics(IReadOnlyCollection<MetricProposal> proposals) =>
        proposals.Count == 0 ? null : new(proposals.Select(p => (JsonNode)(p.Status?.DeepClone() ?? new JsonObject { ["type"] = "" })).ToArray());

    private static JsonArray? CurrentMetrics(V2HorizontalPodAutoscaler hpa) =>
        hpa.Status?.CurrentMetrics is { } metrics ? Typed.ToNode(metrics) as JsonArray : null;
}
