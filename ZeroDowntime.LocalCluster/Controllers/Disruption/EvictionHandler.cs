using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Disruption;

/// <summary>
/// <c>POST /api/v1/namespaces/NS/pods/NAME/eviction</c> as the API server does it
/// (registry/core/pod/storage/eviction.go): 404 for a missing pod; a pod that is Pending,
/// finished or already terminating is deleted without a budget check; more than one matching
/// budget is a 500; a not-Ready pod is deleted when the budget allows unhealthy eviction; otherwise
/// the budget must allow a disruption (429 TooManyRequests when it does not), and is decremented
/// with the pod recorded in disruptedPods atomically (two concurrent evictions cannot both use the
/// last allowed disruption). Then the pod gets DisruptionTarget=True and is deleted gracefully with
/// the eviction's deleteOptions. Success is 201 with a Status.
/// </summary>
/// <example><code>
/// options.Subresources.Register("", "pods", "eviction", EvictionHandler.HandleAsync);
/// var status = EvictionHandler.Evict(api, "default", "web-1", deleteOptions: null);
/// </code></example>
public static class EvictionHandler
{
    /// <summary>The 429 message.</summary>
    public const string BudgetViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

    /// <summary>The 500 reason text for more than one budget.</summary>
    public const string MultipleBudgetsMessage = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";

    /// <summary>The HTTP handler for <c>pods/eviction</c>.</summary>
    public static async Task HandleAsync(SubresourceContext context)
    {
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsPost(context.Http.Request.Method))
        {
            await context.WriteStatusAsync(ApiException.MethodNotAllowed()).ConfigureAwait(false);
            return;
        }

        try
        {
            var body = await context.ReadJsonAsync().ConfigureAwait(false);
            var status = Evict(context.Api, context.Namespace ?? "default", context.Name, body?["deleteOptions"] as JsonObject);
            await context.WriteJsonAsync(201, status).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await context.WriteStatusAsync(e).ConfigureAwait(false);
        }
    }

    /// <summary>Evicts a pod; returns the success Status or throws the <see cref="ApiException"/> the API answers with.</summary>
    public static JsonObject Evict(ClusterApi api, string ns, string podName, JsonObject? deleteOptions)
    {
        var options = DeleteOptionsReader.FromJson(deleteOptions);
        var podJson = api.Pods.TryGet(ns, podName) ?? throw ApiException.NotFound(api.Pods.Type, podName);
        var pod = podJson.As<V1Pod>();
        if (pod.IsTerminating() || pod.Status?.Phase is "Pending" or "Succeeded" or "Failed")
        {
            return MarkAndDelete(api, pod, options);
        }

        var budgets = api.PodDisruptionBudgets.ListStored(ns).Select(o => o.As<V1PodDisruptionBudget>())
            .Where(b => Selects(b, pod)).ToList();
        if (budgets.Count > 1)
        {
            throw new ApiException(500, "InternalError", $"Internal error occurred: {MultipleBudgetsMessage}",
                new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = MultipleBudgetsMessage }) });
        }

        if (budgets.Count == 1)
        {
            CheckAndDecrement(api, budgets[0].Metadata.Name!, pod);
        }

        return MarkAndDelete(api, pod, options);
    }

    private static void CheckAndDecrement(ClusterApi api, string budgetName, V1Pod pod)
    {
        var ns = pod.Metadata.NamespaceProperty;
        api.PodDisruptionBudgets.Mutate(ns, budgetName, obj =>
        {
            var pdb = obj.As<V1PodDisruptionBudget>();
            var status = pdb.Status ?? new V1PodDisruptionBudgetStatus();
            var current = api.Pods.TryGet(ns, pod.Metadata.Name!)?.As<V1Pod>() ?? throw ApiException.NotFound(api.Pods.Type, pod.Metadata.Name!);
            if (!current.HasReadyCondition())
            {
                // An unhealthy pod does not count toward the budget: evict it without spending a disruption when allowed.
                if (pdb.Spec?.UnhealthyPodEvictionPolicy == "AlwaysAllow"
                    || (status.CurrentHealthy >= status.DesiredHealthy && status.DesiredHealthy > 0))
                {
                    return;
                }
            }

            if ((status.ObservedGeneration ?? 0) < (pdb.Metadata.Generation ?? 0))
            {
                throw TooManyRequests($"The disruption budget {budgetName} is still being processed by the server.");
            }

            if ((status.DisruptionsAllowed ?? 0) <= 0)
            {
                throw TooManyRequests($"The disruption budget {budgetName} needs {status.DesiredHealthy ?? 0} healthy pods and has {status.CurrentHealthy ?? 0} currently");
            }

            // status is this call's own copy: spend one disruption and remember the pod until its deletion is observed.
            var now = Typed.Now(api.Time);
            status.DisruptionsAllowed -= 1;
            status.DisruptedPods = new Dictionary<string, DateTime?>(status.DisruptedPods ?? new Dictionary<string, DateTime?>())
            {
                [pod.Metadata.Name!] = now.UtcDateTime,
            };
            if (status.DisruptionsAllowed == 0)
            {
                PdbStatusCalculator.SetAllowedCondition(status, now);
            }

            Typed.Overlay(obj.Ensure("status"), status);
        }, status: true);
    }

    private static JsonObject MarkAndDelete(ClusterApi api, V1Pod pod, V1DeleteOptions options)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name!;
        try
        {
            api.Pods.Mutate(ns, name, o =>
            {
                if (o.GetNode("metadata", "deletionTimestamp") is null && o.Uid() == pod.Metadata.Uid)
                {
                    PodConditions.Set(o, "DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting", api.Timestamp());
                }
            }, status: true);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            throw ApiException.NotFound(api.Pods.Type, name);
        }

        // Delete the pod that was checked, not a namesake created meanwhile (options are this request's own).
        options.Preconditions ??= new V1Preconditions();
        options.Preconditions.Uid ??= pod.Metadata.Uid;
        api.Pods.Delete(ns, name, options);
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201L,
        };
    }

    private static bool Selects(V1PodDisruptionBudget budget, V1Pod pod)
    {
        // As the eviction registry: a budget with a missing or empty selector matches nothing here.
        var selector = budget.Spec?.Selector.ToMatcher();
        return selector is not null && !selector.IsEmpty && selector.Matches(pod.Metadata.LabelsOrEmpty());
    }

    private static ApiException TooManyRequests(string cause) =>
        new(429, "TooManyRequests", BudgetViolationMessage,
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = cause }) });
}
