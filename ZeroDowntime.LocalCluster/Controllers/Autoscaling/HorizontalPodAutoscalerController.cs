using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscalers: every <see cref="HpaOptions.SyncPeriod"/> (and on any
/// change to the autoscaler) reads metrics through <see cref="IPodMetricsSource"/>
/// (<see cref="MetricEvaluator"/>), takes the largest proposal, applies the stabilization windows
/// (scale-down default 300 s, behavior.scaleDown/scaleUp.stabilizationWindowSeconds honoured),
/// clamps to [minReplicas, maxReplicas] and writes the target's /scale. Status: currentReplicas,
/// desiredReplicas, currentMetrics, lastScaleTime, conditions AbleToScale / ScalingActive /
/// ScalingLimited. Rate policies (behavior.*.policies) are not applied.
/// </summary>
public sealed class HorizontalPodAutoscalerController : ReconcilingController
{
    private readonly MetricEvaluator _evaluator;
    private readonly HpaOptions _options;
    private readonly EventRecorder _events = new("horizontal-pod-autoscaler");
    private readonly ConcurrentDictionary<string, List<(DateTimeOffset At, int Replicas)>> _recommendations = new();

    /// <summary>Creates the controller.</summary>
    public HorizontalPodAutoscalerController(ControllerSettings settings, IPodMetricsSource metrics, HpaOptions? options = null)
        : base(settings)
    {
        _options = options ?? new HpaOptions();
        _evaluator = new MetricEvaluator(metrics, _options.Tolerance);
    }

    /// <inheritdoc />
    public override string Name => "horizontal-pod-autoscaler";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) => [new(api.HorizontalPodAutoscalers, e => [KeyOf(e)])];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.HorizontalPodAutoscalers.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.HorizontalPodAutoscalers.Type, ns, name);
        if (stored is null)
        {
            _recommendations.TryRemove(key, out _);
            return null;
        }

        var raw = stored.ToJsonObject();
        var hpa = stored.As<V2HorizontalPodAutoscaler>();
        var spec = hpa.Spec ?? new V2HorizontalPodAutoscalerSpec();
        var now = Typed.Now(api.Time);
        var conditions = (hpa.Status?.Conditions ?? []).ToList();
        var reference = spec.ScaleTargetRef ?? new V2CrossVersionObjectReference();
        var targetKind = reference.Kind ?? "";
        var targetName = reference.Name ?? "";
        var targetClient = api.Resources.FindKind(reference.ApiVersion ?? "apps/v1", targetKind) is { } type ? api.For(type) : null;
        var target = targetClient?.TryGet(ns, targetName);
        if (targetClient is null || target is null)
        {
            SetCondition(conditions, "AbleToScale", "False", "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {targetKind.ToLowerInvariant()}s \"{targetName}\" not found", now);
            WriteStatus(api, ns, name, hpa, null, hpa.Status?.DesiredReplicas ?? 0, null, conditions, null);
            return _options.SyncPeriod;
        }

        var current = (int)(target.GetInt64("spec", "replicas") ?? 1);
        var selector = LabelSelectorMatcher.FromJson(target.GetNode("spec", "selector") as JsonObject);
        List<V1Pod> pods = selector is null ? []
            : api.Pods.ListStored(ns).Where(o => selector.Matches(o.Labels)).Select(o => o.As<V1Pod>()).Where(p => !p.IsTerminating() && !p.IsFinished()).ToList();
        var proposals = ((raw.GetNode("spec", "metrics") as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(m => _evaluator.Evaluate(m, pods, current)).ToList();
        var valid = proposals.Where(p => p.Replicas is not null).ToList();
        var failed = proposals.FirstOrDefault(p => p.Replicas is null);
        if (current == 0)
        {
            SetCondition(conditions, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", now);
            WriteStatus(api, ns, name, hpa, current, current, null, conditions, null);
            return _options.SyncPeriod;
        }

        if (valid.Count == 0)
        {
            SetCondition(conditions, "ScalingActive", "False", failed?.FailureReason ?? "FailedGetResourceMetric", failed?.FailureMessage ?? "no metrics configured", now);
            WriteStatus(api, ns, name, hpa, current, current, null, conditions, null);
            return _options.SyncPeriod;
        }

        SetCondition(conditions, "ScalingActive", "True", "ValidMetricFound",
            $"the HPA was able to successfully calculate a replica count from {valid[0].Description}", now);
        var best = valid.MaxBy(p => p.Replicas!.Value)!;
        var downWindow = spec.Behavior?.ScaleDown?.StabilizationWindowSeconds is { } down ? TimeSpan.FromSeconds(down) : _options.ScaleDownStabilization;
        var upWindow = TimeSpan.FromSeconds(spec.Behavior?.ScaleUp?.StabilizationWindowSeconds ?? 0);
        var history = _recommendations.GetOrAdd(key, _ => []);
        int stabilized;
        lock (history)
        {
            stabilized = HpaMath.Stabilize(current, best.Replicas!.Value, api.Time.GetUtcNow(), upWindow, downWindow, history);
        }

        var minReplicas = spec.MinReplicas ?? 1;
        var desired = HpaMath.Clamp(stabilized, minReplicas, spec.MaxReplicas);
        SetCondition(conditions, "ScalingLimited",
            stabilized > spec.MaxReplicas || stabilized < minReplicas ? "True" : "False",
            stabilized > spec.MaxReplicas ? "TooManyReplicas" : stabilized < minReplicas ? "TooFewReplicas" : "DesiredWithinRange",
            stabilized > spec.MaxReplicas ? "the desired replica count is more than the maximum replica count"
                : stabilized < minReplicas ? "the desired replica count is less than the minimum replica count"
                : "the desired count is within the acceptable range", now);
        DateTimeOffset? scaledAt = null;
        if (desired != current)
        {
            targetClient.Patch(ns, targetName, V1Patch.PatchType.MergePatch, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = (long)desired } }, "scale");
            scaledAt = now;
            SetCondition(conditions, "AbleToScale", "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}", now);
            _events.Normal(api, hpa, "SuccessfulRescale",
                $"New size: {desired}; reason: {best.Description} {(desired > current ? "above" : "below")} target");
        }
        else
        {
            SetCondition(conditions, "AbleToScale", "True", stabilized != best.Replicas ? "ScaleDownStabilized" : "ReadyForNewScale",
                stabilized != best.Replicas ? "recent recommendations were higher than current one, applying the highest recent recommendation"
                    : "recommended size matches current size", now);
        }

        WriteStatus(api, ns, name, hpa, current, desired, new JsonArray(valid.Select(p => (JsonNode)p.Status!.DeepClone()).ToArray()), conditions, scaledAt);
        return _options.SyncPeriod;
    }

    private static void WriteStatus(ClusterApi api, string? ns, string name, V2HorizontalPodAutoscaler hpa, int? current, int desired,
        JsonArray? metrics, List<V2HorizontalPodAutoscalerCondition> conditions, DateTimeOffset? scaledAt)
    {
        api.HorizontalPodAutoscalers.Mutate(ns, name, o =>
        {
            var status = o.Ensure("status");
            status["observedGeneration"] = hpa.Metadata.Generation;
            status["currentReplicas"] = current;
            status["desiredReplicas"] = desired;
            status["currentMetrics"] = metrics;
            status["conditions"] = Typed.ToNode(conditions);
            if (scaledAt is { } at)
            {
                status["lastScaleTime"] = Typed.ToNode(at);
            }
        }, status: true);
    }

    private static void SetCondition(List<V2HorizontalPodAutoscalerCondition> conditions, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var index = conditions.FindIndex(c => c.Type == type);
        var next = new V2HorizontalPodAutoscalerCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = now.UtcDateTime };
        if (index < 0)
        {
            conditions.Add(next);
            return;
        }

        if (conditions[index].Status == status)
        {
            // Same status: only the reason or message moved, so the transition time stays.
            next.LastTransitionTime = conditions[index].LastTransitionTime;
        }

        conditions[index] = next;
    }
}
