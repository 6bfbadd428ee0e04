using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Scheduling;

/// <summary>
/// The <c>default-scheduler</c>: binds Pending pods without spec.nodeName (oldest first) using
/// <see cref="SchedulingAlgorithm"/>, sets PodScheduled=True and records a <c>Scheduled</c> event.
/// A pod no node accepts stays Pending with PodScheduled=False, reason Unschedulable and
/// kube-scheduler's message, plus a <c>FailedScheduling</c> warning; every pod or node change
/// triggers another attempt. Pods naming another schedulerName are left alone.
/// </summary>
public sealed class Scheduler : ReconcilingController
{
    /// <summary>The scheduler name pods select by default.</summary>
    public const string DefaultSchedulerName = "default-scheduler";

    private const string PassKey = "pending-pods";
    private readonly EventRecorder _events = new(DefaultSchedulerName);

    /// <summary>Creates the scheduler.</summary>
    public Scheduler(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => DefaultSchedulerName;

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.Pods, _ => [PassKey]),
        new(api.Nodes, _ => [PassKey]),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => [PassKey];

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var all = api.Pods.ListStored();
        var pending = all.Where(o => o.Fields.GetValueOrDefault("spec.nodeName", "") == "" && !o.IsDeleting)
            .Select(o => o.As<V1Pod>())
            .Where(p => !p.IsFinished() && (p.Spec?.SchedulerName ?? DefaultSchedulerName) == DefaultSchedulerName)
            .OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        if (pending.Count == 0)
        {
            return null;
        }

        var nodes = api.Nodes.ListStored().Select(o => o.As<V1Node>()).ToList();
        var bound = all.Where(o => o.Fields.GetValueOrDefault("spec.nodeName", "") != "").Select(o => o.As<V1Pod>()).ToList();
        foreach (var pod in pending)
        {
            var result = SchedulingAlgorithm.Schedule(pod, nodes, bound);
            if (result.NodeName is { } nodeName)
            {
                if (Bind(api, pod, nodeName))
                {
                    // Our private copy now shows the binding, so the next pods of this pass see it.
                    pod.Spec.NodeName = nodeName;
                    bound.Add(pod);
                }
            }
            else
            {
                MarkUnschedulable(api, pod, result.Message!);
            }
        }

        return null;
    }

    private bool Bind(ClusterApi api, V1Pod pod, string nodeName)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name!;
        try
        {
            api.Pods.Mutate(ns, name, o =>
            {
                if (o.Uid() != pod.Metadata.Uid || !string.IsNullOrEmpty(o.GetString("spec", "nodeName")))
                {
                    throw ApiException.Conflict(api.Pods.Type, name, "the pod was replaced or bound meanwhile");
                }

                o.Ensure("spec")["nodeName"] = nodeName;
            });
            api.Pods.Mutate(ns, name, o => PodConditions.Set(o, "PodScheduled", "True", null, null, api.Timestamp()), status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }

        _events.Normal(api, pod, "Scheduled", $"Successfully assigned {ns}/{name} to {nodeName}");
        return true;
    }

    private void MarkUnschedulable(ClusterApi api, V1Pod pod, string message)
    {
        try
        {
            api.Pods.Mutate(pod.Metadata.NamespaceProperty, pod.Metadata.Name!, o =>
            {
                if (o.Uid() == pod.Metadata.Uid)
                {
                    PodConditions.Set(o, "PodScheduled", "False", "Unschedulable", message, api.Timestamp());
                }
            }, status: true);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return;
        }

        _events.Warning(api, pod, "FailedScheduling", message);
    }
}
