using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

public sealed partial class ProcessKubelet
{
    private readonly ConcurrentDictionary<(string Uid, string FieldPath, string Reason, string Message), string> _events = new();

    /// <summary>Records a core/v1 Event about a pod (repeats bump count and lastTimestamp, as the event recorder aggregates).</summary>
    internal void RecordEvent(PodWorker pod, string? container, string type, string reason, string message)
    {
        var api = _api;
        if (api is null || _stopped)
        {
            return;
        }

        var fieldPath = container is null ? "" : $"spec.containers{{{container}}}";
        var key = (pod.Uid, fieldPath, reason, message);
        var now = api.Timestamp();
        try
        {
            if (_events.TryGetValue(key, out var existing))
            {
                api.Events.Mutate(pod.Namespace, existing, e =>
                {
                    e["count"] = (e.GetInt64("count") ?? 1) + 1;
                    e["lastTimestamp"] = now;
                });
                return;
            }
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Someone deleted the event: record a new one.
        }

        var involved = new JsonObject
        {
            ["kind"] = "Pod",
            ["namespace"] = pod.Namespace,
            ["name"] = pod.Name,
            ["uid"] = pod.Uid,
            ["apiVersion"] = "v1",
        };
        if (fieldPath.Length > 0)
        {
            involved["fieldPath"] = fieldPath;
        }

        var name = $"{pod.Name}.{Guid.NewGuid().ToString("N")[..16]}";
        try
        {
            api.Events.Create(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = pod.Namespace },
                ["involvedObject"] = involved,
                ["reason"] = reason,
                ["message"] = message,
                ["type"] = type,
                ["source"] = new JsonObject { ["component"] = "kubelet", ["host"] = pod.NodeName },
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
                ["reportingComponent"] = "kubelet",
                ["reportingInstance"] = pod.NodeName,
            });
            _events[key] = name;
        }
        catch (ApiException)
        {
            // The namespace is going away; events are best effort, as in the real kubelet.
        }
    }

    /// <summary>Forgets a finished pod's event keys.</summary>
    internal void ForgetEvents(string uid)
    {
        foreach (var key in _events.Keys.Where(k => k.Uid == uid))
        {
            _events.TryRemove(key, out _);
        }
    }
}
