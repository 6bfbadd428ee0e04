using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>Sets pod status conditions in place, as the kubelet and scheduler do.</summary>
public static class PodConditions
{
    /// <summary>
    /// Sets condition <paramref name="type"/> on a pod JSON object; lastTransitionTime changes only
    /// when the status does. Returns true when anything changed.
    /// </summary>
    public static bool Set(JsonObject pod, string type, string status, string? reason, string? message, string timestamp)
    {
        var status_ = pod.Ensure("status");
        if (status_["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status_["conditions"] = conditions;
        }

        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
        if (existing is not null && existing.GetString("status") == status && existing.GetString("reason") == reason
            && existing.GetString("message") == message)
        {
            return false;
        }

        var next = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && existing.GetString("status") == status
                ? existing["lastTransitionTime"]?.DeepClone()
                : timestamp,
        };
        if (reason is not null)
        {
            next["reason"] = reason;
        }

        if (message is not null)
        {
            next["message"] = message;
        }

        if (existing is null)
        {
            conditions.Add(next);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = next;
        }

        return true;
    }
}
