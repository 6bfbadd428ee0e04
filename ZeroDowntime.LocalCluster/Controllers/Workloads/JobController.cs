using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// Job → pods following <see cref="JobPlanner"/>: parallelism, completions, backoffLimit (failed
/// pods counted, none retried in place: restartPolicy Never semantics), activeDeadlineSeconds,
/// Complete/Failed conditions, startTime/completionTime and active/ready/succeeded/failed counts.
/// Finished pods are kept (as Kubernetes does) so their logs stay readable. Suspend, indexed
/// completion, pod failure policies and TTL are not implemented.
/// </summary>
public sealed class JobController : ReconcilingController
{
    /// <summary>Creates the controller.</summary>
    public JobController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "job-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.Jobs, e => [KeyOf(e)]),
        new(api.Pods, e => ReplicaSetController.OwnerKeys(api, e, "Job")),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.Jobs.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.Jobs.Type, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return null;
        }

        var job = stored.As<V1Job>();

        // job is this pass's own copy: its status becomes the new one, and fields we do not compute carry over.
        var status = job.Status ?? new V1JobStatus();
        if (status.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true || job.Spec?.Suspend == true)
        {
            return null;
        }

        var now = Typed.Now(api.Time);
        var startTime = status.StartTime?.At() ?? now;
        var pods = ReplicaSetController.OwnedPods(api, stored.Uid);
        var counts = Count(pods);
        var decision = JobPlanner.Decide(job.Spec ?? new V1JobSpec(), startTime, counts, api.Time.GetUtcNow());
        if (decision.DeleteActivePods)
        {
            foreach (var pod in pods.Where(p => p.IsActive()))
            {
                ReplicaSetController.DeleteIgnoringMissing(api, pod);
            }
        }

        var template = stored.ToJsonObject().GetNode("spec", "template") as JsonObject ?? [];
        for (var i = 0; i < decision.CreatePods; i++)
        {
            api.Pods.Create(ReplicaSetController.PodFromTemplate(template, job, $"{name}-"));
        }

        pods = ReplicaSetController.OwnedPods(api, stored.Uid);
        counts = Count(pods);
        var conditions = (status.Conditions ?? []).ToList();
        if (decision.Finished is { } finished)
        {
            conditions.Add(new V1JobCondition
            {
                Type = finished, Status = "True", Reason = decision.Reason, Message = decision.Message,
                LastProbeTime = now.UtcDateTime, LastTransitionTime = now.UtcDateTime,
            });
        }

        status.StartTime = startTime.UtcDateTime;
        status.Active = decision.DeleteActivePods ? 0 : counts.Active;
        status.Ready = decision.DeleteActivePods ? 0 : pods.Count(p => p.IsActive() && p.IsReady());
        status.Succeeded = Math.Max(status.Succeeded ?? 0, counts.Succeeded);
        status.Failed = Math.Max(status.Failed ?? 0, counts.Failed);
        status.CompletionTime = decision.Finished == "Complete" ? now.UtcDateTime : status.CompletionTime;
        status.Conditions = conditions.Count == 0 ? null : conditions;
        api.Jobs.Mutate(ns, name, o => Typed.Overlay(o.Ensure("status"), status), status: true);
        return decision.RecheckAfter;
    }

    private static JobPodCounts Count(List<V1Pod> pods) => new(
        pods.Count(p => p.IsActive()),
        pods.Count(p => p.Status?.Phase == "Succeeded"),
        pods.Count(p => p.Status?.Phase == "Failed"));
}
