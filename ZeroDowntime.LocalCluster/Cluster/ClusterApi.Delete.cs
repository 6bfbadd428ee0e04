using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

public sealed partial class ClusterApi
{
    /// <summary>Finalizer that makes the garbage collector orphan dependents before the owner goes.</summary>
    public const string OrphanFinalizer = "orphan";

    /// <summary>Finalizer that keeps the owner until the garbage collector has deleted its dependents.</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    private const long DefaultPodGracePeriodSeconds = 30;

    /// <summary>
    /// Deletes an object. Pods terminate gracefully: with a grace period above zero they get
    /// deletionTimestamp/deletionGracePeriodSeconds and stay (MODIFIED) until the
    /// <see cref="PodTerminator"/> removes them; unscheduled or finished pods and grace 0 go at once.
    /// Objects with finalizers (including orphan/foregroundDeletion added for the propagation
    /// policy when dependents exist) stay with deletionTimestamp set until the finalizers are gone.
    /// </summary>
    internal (StoredObject Object, bool Removed) DeleteStored(ResourceType type, string? ns, string name, V1DeleteOptions options)
    {
        PodTermination? termination = null;
        (StoredObject, bool) result;
        lock (Store.SyncRoot)
        {
            var current = Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            CheckPreconditions(type, current, options.Preconditions);
            var requestedPolicy = DeleteOptionsReader.ParsePolicy(options.PropagationPolicy);
            if (type.Plural == "namespaces" && type.Group.Length == 0)
            {
                DeleteNamespaceContents(name);
            }

            var obj = current.ToJsonObject();
            var metadata = obj.Metadata();
            var policy = requestedPolicy
                ?? (options.OrphanDependents switch { true => PropagationPolicy.Orphan, false => PropagationPolicy.Background, _ => type.DefaultPropagation });
            var finalizersChanged = false;
            if (policy != PropagationPolicy.Background && Store.DependentsOf(current.Uid).Count > 0)
            {
                finalizersChanged = AddFinalizer(metadata, policy == PropagationPolicy.Orphan ? OrphanFinalizer : ForegroundFinalizer);
            }

            var grace = GracePeriodFor(type, obj, options);
            var terminating = metadata["deletionTimestamp"] is not null;
            var currentGrace = metadata.GetInt64("deletionGracePeriodSeconds") ?? 0;
            if (terminating && !(grace < currentGrace))
            {
                result = finalizersChanged ? (Store.Put(type, obj).Object, false) : (current, false);
            }
            else if (grace > 0)
            {
                metadata["deletionTimestamp"] = Timestamp(TimeSpan.FromSeconds(grace));
                metadata["deletionGracePeriodSeconds"] = grace;
                BumpGenerationOnDelete(type, metadata, terminating);
                var stored = Store.Put(type, obj).Object;
                termination = new PodTermination(stored.Namespace ?? "", stored.Name, stored.Uid, TimeSpan.FromSeconds(grace),
                    Time.GetUtcNow() + TimeSpan.FromSeconds(grace));
                result = (stored, false);
            }
            else if (HasFinalizers(obj))
            {
                metadata["deletionTimestamp"] ??= Timestamp();
                metadata["deletionGracePeriodSeconds"] = 0;
                BumpGenerationOnDelete(type, metadata, terminating);
                result = (Store.Put(type, obj).Object, false);
            }
            else
            {
                result = (Store.Remove(type, obj).Object, true);
            }
        }

        if (termination is not null)
        {
            PodTerminator?.TerminationRequested(termination);
        }

        return result;
    }

    private static void CheckPreconditions(ResourceType type, StoredObject current, V1Preconditions? preconditions)
    {
        if (preconditions?.Uid is { Length: > 0 } uid && uid != current.Uid)
        {
            throw ApiException.Conflict(type, current.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }

        var version = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (preconditions?.ResourceVersion is { Length: > 0 } rv && rv != version)
        {
            throw ApiException.Conflict(type, current.Name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {version}");
        }
    }

    private static long GracePeriodFor(ResourceType type, JsonObject obj, V1DeleteOptions options)
    {
        if (type.Kind != "Pod" || type.Group.Length != 0)
        {
            return 0;
        }

        var phase = obj.GetString("status", "phase");
        if (string.IsNullOrEmpty(obj.GetString("spec", "nodeName")) || phase is "Succeeded" or "Failed")
        {
            return 0;
        }

        var grace = options.GracePeriodSeconds ?? obj.GetInt64("spec", "terminationGracePeriodSeconds") ?? DefaultPodGracePeriodSeconds;
        return Math.Max(0, grace);
    }

    private static bool AddFinalizer(JsonObject metadata, string finalizer)
    {
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            finalizers = [];
            metadata["finalizers"] = finalizers;
        }

        if (finalizers.Any(f => f?.GetValue<string>() == finalizer))
        {
            return false;
        }

        finalizers.Add(finalizer);
        return true;
    }

    private static void BumpGenerationOnDelete(ResourceType type, JsonObject metadata, bool alreadyTerminating)
    {
        if (type.TracksGeneration && !alreadyTerminating)
        {
            metadata["generation"] = (metadata.GetInt64("generation") ?? 0) + 1;
        }
    }

    private void DeleteNamespaceContents(string ns)
    {
        foreach (var type in Resources.All.Where(t => t.Namespaced))
        {
            foreach (var (_, obj) in Store.Snapshot(type).Where(p => p.Value.Namespace == ns))
            {
                DeleteStored(type, ns, obj.Name, new V1DeleteOptions { PropagationPolicy = nameof(PropagationPolicy.Background) });
            }
        }
    }
}
