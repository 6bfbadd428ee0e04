using System.Text.Json.Nodes;
using ZeroDowntime.Kubernetes.Legacy.Models;
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

        var job = stored.As<Job>();
        var previous = job.Status ?? new JobStatus();
        if (previous.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true || job.Spec?.Suspend == true)
        {
            return null;
        }

        var now = Typed.Now(api.Time);
        var startTime = previous.StartTime ?? now;
        var pods = ReplicaSetController.OwnedPods(api, stored.Uid);
        var counts = Count(pods);
        var decision = JobPlanner.Decide(job.Spec ?? new JobSpec(), startTime, counts, api.Time.GetUtcNow());
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
        var conditions = (previous.Conditions ?? []).ToList();
        if (decision.Finished is { } finished)
        {
            conditions.Add(new JobCondition
            {
                Type = finished, Status = "True", Reason = decision.Reason, Message = decision.Message, LastProbeTime = now, LastTransitionTime = now,
            });
        }

        var status = previous with
        {
            StartTime = startTime,
            Active = decision.DeleteActivePods ? 0 : counts.Active,
            Ready = decision.DeleteActivePods ? 0 : pods.Count(p => p.IsActive() && p.IsReady()),
            Succeeded = Math.Max(previous.Succeeded ?? 0, counts.Succeeded),
            Failed = Math.Max(previous.Failed ?? 0, counts.Failed),
            CompletionTime = decision.Finished == "Complete" ? now : previous.CompletionTime,
            Conditions = conditions.Count == 0 ? null : conditions,
        };
        api.Jobs.Mutate(ns, name, o => o["status"] = Typed.ToNode(status), status: true);
        return decision.RecheckAfter;
    }

    private static JobPodCounts Count(List<Pod> pods) => new(
        pods.Count(p => p.IsActive()),
        pods.Count(p => p.Status?.Phase == "Succeeded"),
        pods.Count(p => p.Status?.Phase == "Failed"));
}
