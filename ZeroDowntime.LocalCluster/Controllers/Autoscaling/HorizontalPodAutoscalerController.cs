using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscalers, as pkg/controller/podautoscaler/horizontal.go reconciles
/// them: every <see cref="HpaOptions.SyncPeriod"/> (15 s; a new HPA is first synced one period after
/// it appears, as the controller's rate-limited queue does) it reads the target's scale and pods,
/// computes a proposal per metric (<see cref="MetricEvaluator"/>, <see cref="ReplicaCalculator"/>), takes
/// the largest, normalizes it (<see cref="ReplicaNormalizer"/>: stabilization windows, <c>behavior</c>
/// policies or the legacy limits, min/max), writes <c>/scale</c> and records <c>SuccessfulRescale</c>
/// ("New size: 5; reason: cpu resource utilization (percentage of request) above target"), and sets
/// status (currentReplicas, desiredReplicas, currentMetrics, lastScaleTime, conditions AbleToScale /
/// ScalingActive / ScalingLimited with the controller's reasons and messages).
/// </summary>
public sealed partial class HorizontalPodAutoscalerController : ReconcilingController
{
    private readonly IPodMetricsSource? _metrics;
    private readonly HpaOptions _options;
    private readonly ReplicaCalculator _calculator;
    private readonly EventRecorder _events = new("horizontal-pod-autoscaler");
    private readonly ConcurrentDictionary<string, AutoscalerState> _state = new();

    /// <summary>Creates the controller; <paramref name="metrics"/> null reads the cluster's <see cref="ClusterApi.ResourceMetrics"/>.</summary>
    public HorizontalPodAutoscalerController(ControllerSettings settings, IPodMetricsSource? metrics = null, HpaOptions? options = null)
        : base(settings)
    {
        _metrics = metrics;
        _options = options ?? new HpaOptions();
        _calculator = new ReplicaCalculator(_options);
    }

    /// <inheritdoc />
    public override string Name => "horizontal-pod-autoscaler";

    /// <inheritdoc />
    // Only appearance and deletion: an HPA is synced on its own period, never on its own status writes.
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
        [new(api.HorizontalPodAutoscalers, e => e.Type is WatchEventType.Added or WatchEventType.Deleted ? [KeyOf(e)] : [])];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => [];

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.HorizontalPodAutoscalers.Type, ns, name);
        if (stored is null)
        {
            _state.TryRemove(key, out _);
            return null;
        }

        var state = _state.AddOrUpdate(key, _ => new AutoscalerState(stored.Uid), (_, s) => s.Uid == stored.Uid ? s : new AutoscalerState(stored.Uid));
        var now = api.Time.GetUtcNow();
        if (state.NextSync is not { } due)
        {
            state.NextSync = now + _options.SyncPeriod;
            return _options.SyncPeriod;
        }

        if (due - now > TimeSpan.FromMilliseconds(50))
        {
            return due - now;
        }

        state.NextSync = now + _options.SyncPeriod;
        ReconcileAutoscaler(api, stored.As<V2HorizontalPodAutoscaler>(), state, now);
        return _options.SyncPeriod;
    }

    private void ReconcileAutoscaler(ClusterApi api, V2HorizontalPodAutoscaler hpa, AutoscalerState state, DateTimeOffset now)
    {
        var ns = hpa.Metadata.NamespaceProperty;
        var spec = hpa.Spec ?? new V2HorizontalPodAutoscalerSpec();
        var status = new StatusDraft(hpa);
        if (Target(api, hpa) is not { } target)
        {
            return; // the failure is already in status and events
        }

        status.Set(HpaCondition.True(HpaCondition.AbleToScale, "SucceededGetScale", "the HPA controller was able to get the target's current scale"), now);
        var current = target.CurrentReplicas;
        state.Normalizer.RecordInitialRecommendation(current, now);
        var minReplicas = spec.MinReplicas ?? 1;
        var desired = 0;
        var rescaleReason = "";
        var rescale = true;
        List<MetricProposal> proposals = [];
        if (current == 0 && minReplicas != 0)
        {
            rescale = false;
            status.Set(HpaCondition.False(HpaCondition.ScalingActive, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"), now);
        }
        else if (current > spec.MaxReplicas)
        {
            (desired, rescaleReason) = (spec.MaxReplicas, "Current number of replicas above Spec.MaxReplicas");
        }
        else if (current < minReplicas)
        {
            (desired, rescaleReason) = (minReplicas, "Current number of replicas below Spec.MinReplicas");
        }
        else
        {
            var computed = ComputeReplicasForMetrics(api, hpa, target, status, now);
            if (computed is not var (metricDesired, metricName, list))
            {
                WriteStatus(api, hpa, status, current, hpa.Status?.DesiredReplicas ?? current, hpa.Status?.CurrentMetrics is null ? null : CurrentMetrics(hpa), rescaled: false);
                return;
            }

            proposals = list;
            desired = metricDesired;
            rescaleReason = desired > current ? $"{metricName} above target" : desired < current ? "All metrics below target" : "";
            var normalized = spec.Behavior is null
                ? state.Normalizer.NormalizeWithoutBehavior(current, desired, minReplicas, spec.MaxReplicas, _options.ScaleDownStabilization, now)
                : state.Normalizer.NormalizeWithBehaviors(current, desired, minReplicas, spec.MaxReplicas, ScaleUpRules(spec), ScaleDownRules(spec), now);
            status.Set(normalized.AbleToScale, now);
            status.Set(normalized.ScalingLimited, now);
            desired = normalized.Replicas;
            rescale = desired != current;
        }

        if (rescale)
        {
            if (!Rescale(api, hpa, target, desired, rescaleReason, status, now))
            {
                WriteStatus(api, hpa, status, current, hpa.Status?.DesiredReplicas ?? current, CurrentMetrics(proposals), rescaled: false);
                return;
            }

            if (spec.Behavior is not null)
            {
                state.Normalizer.StoreScaleEvent(ScaleUpRules(spec), ScaleDownRules(spec), current, desired, now);
            }
        }
        else
        {
            desired = current;
        }

        WriteStatus(api, hpa, status, current, desired, CurrentMetrics(proposals), rescale);
    }

    /// <summary>computeReplicasForMetrics: the largest proposal and its metric, or null (status and events already say why) when no proposal may be acted on.</summary>
    private (int Replicas, string Metric, List<MetricProposal> Proposals)? ComputeReplicasForMetrics(
        ClusterApi api, V2HorizontalPodAutoscaler hpa, ScaleTarget target, StatusDraft status, DateTimeOffset now)
    {
        if (target.Selector is null)
        {
            _events.Warning(api, hpa, "SelectorRequired", "selector is required");
            status.Set(HpaCondition.False(HpaCondition.ScalingActive, "InvalidSelector", "the HPA target's scale is missing a selector"), now);
            return null;
        }

        var ns = hpa.Metadata.NamespaceProperty;
        var pods = api.Pods.ListStored(ns).Where(o => target.Selector.Matches(o.Labels)).Select(o => o.As<V1Pod>()).ToList();
        var specs = hpa.Spec?.Metrics is { Count: > 0 } given ? given : [DefaultCpuMetric];
        var metrics = _metrics ?? api.ResourceMetrics ?? NoMetrics.Instance;
        var evaluator = new MetricEvaluator(metrics, _calculator);
        var proposals = specs.Select(s => evaluator.Evaluate(s, ns ?? "default", target.CurrentReplicas, pods, now)).ToList();
        var replicas = 0;
        var metric = "";
        foreach (var proposal in proposals.Where(p => p.Succeeded))
        {
            if (replicas == 0 || proposal.Replicas > replicas)
            {
                (replicas, metric) = (proposal.Replicas, proposal.Name);
            }
        }

        var invalid = proposals.Where(p => !p.Succeeded).ToList();
        foreach (var failed in invalid)
        {
            _events.Warning(api, hpa, failed.FailedCondition!.Reason, failed.Detail!);
        }

        if (invalid.Count >= proposals.Count || (invalid.Count > 0 && replicas < target.CurrentReplicas))
        {
            // All metrics failed, or some failed and the rest would scale down: act on nothing.
            status.Set(invalid[0].FailedCondition!, now);
            _events.Warning(api, hpa, "FailedComputeMetricsReplicas",
                $"invalid metrics ({invalid.Count} invalid out of {proposals.Count}), first error is: {invalid[0].Error}");
            return null;
        }

        status.Set(HpaCondition.True(HpaCondition.ScalingActive, "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {metric}"), now);
        return (replicas, metric, proposals);
    }

    private bool Rescale(ClusterApi api, V2HorizontalPodAutoscaler hpa, ScaleTarget target, int desired, string reason, StatusDraft status, DateTimeOffset now)
    {
        try
        {
            target.Client.Patch(hpa.Metadata.NamespaceProperty, target.Name, V1Patch.PatchType.MergePatch,
                new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replicas"] = (long)desired } }, "scale");
        }
        catch (ApiException e)
        {
            _events.Warning(api, hpa, "FailedRescale", $"New size: {desired}; reason: {reason}; error: {e.Message}");
            status.Set(HpaCondition.False(HpaCondition.AbleToScale, "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {e.Message}"), now);
            return false;
        }

        status.Set(HpaCondition.True(HpaCondition.AbleToScale, "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}"), now);
        _events.Normal(api, hpa, "SuccessfulRescale", $"New size: {desired}; reason: {reason}");
        return true;
    }

    private ScalingRules ScaleUpRules(V2HorizontalPodAutoscalerSpec spec) => ScalingRules.ScaleUp(spec.Behavior?.ScaleUp);

    private ScalingRules ScaleDownRules(V2HorizontalPodAutoscalerSpec spec) => ScalingRules.ScaleDown(spec.Behavior?.ScaleDown, _options.ScaleDownStabilization);
}
