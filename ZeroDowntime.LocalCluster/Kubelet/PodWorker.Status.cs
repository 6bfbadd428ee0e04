using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    private static readonly string[] OwnedConditions = ["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready", "PodScheduled"];
    private readonly object _statusWrite = new();
    private readonly Dictionary<string, (string Status, string Time)> _conditions = [];
    private string? _lastWritten;

    /// <summary>Writes the pod's status from the kubelet's state (only when it changed); serialised so writes never go back in time.</summary>
    private void SyncStatus()
    {
        lock (_statusWrite)
        {
            JsonObject status;
            lock (_gate)
            {
                if (_shutdown || _removed)
                {
                    return;
                }

                status = BuildStatus();
            }

            var text = status.ToJsonString();
            if (text == _lastWritten)
            {
                return;
            }

            try
            {
                _api.Pods.Mutate(Namespace, Name, pod =>
                {
                    if (pod.Uid() != Uid)
                    {
                        throw ApiException.Conflict(_api.Pods.Type, Name, "the pod was replaced");
                    }

                    var target = pod.Ensure("status");
                    foreach (var (key, value) in status)
                    {
                        target[key] = value?.DeepClone();
                    }

                    // Replace the conditions the kubelet owns; keep others (DisruptionTarget...) and the scheduler's PodScheduled.
                    var existing = (target["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                    var conditions = existing.Where(c => !OwnedConditions.Contains(c.GetString("type")) || c.GetString("type") == "PodScheduled")
                        .Select(c => c.DeepClone()).ToList();
                    foreach (var condition in (status["ownedConditions"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (condition.GetString("type") != "PodScheduled" || !existing.Any(c => c.GetString("type") == "PodScheduled"))
                        {
                            conditions.Add(condition.DeepClone());
                        }
                    }

                    target.Remove("ownedConditions");
                    target["conditions"] = new JsonArray([.. conditions]);
                }, status: true);
                _lastWritten = text;
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // The pod is gone or replaced; the watch will tell the kubelet.
            }
        }
    }

    /// <summary>The status fields the kubelet owns (caller holds the lock).</summary>
    private JsonObject BuildStatus()
    {
        var statuses = new JsonArray();
        foreach (var c in _containers)
        {
            statuses.Add(ContainerStatus(c));
        }

        var allReady = _containers.Count > 0 && _containers.All(c => c.Ready && c.IsRunning) && !_terminating;
        var anyStarted = _containers.Any(c => c.StartedAt is not null);
        var now = _api.Timestamp();
        var owned = new JsonArray
        {
            Condition("PodReadyToStartContainers", _address is not null, now),
            Condition("Initialized", true, now),
            Condition("ContainersReady", allReady, now, allReady ? null : "ContainersNotReady", NotReadyMessage()),
            Condition("Ready", allReady, now, allReady ? null : "ContainersNotReady", NotReadyMessage()),
            Condition("PodScheduled", true, now),
        };
        var status = new JsonObject
        {
            ["phase"] = Phase(anyStarted),
            ["hostIP"] = _kubelet.HostIp(NodeName),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = _kubelet.HostIp(NodeName) }),
            ["podIP"] = _address?.ToString(),
            ["podIPs"] = _address is null ? new JsonArray() : new JsonArray(new JsonObject { ["ip"] = _address.ToString() }),
            ["startTime"] = Time(_startTime),
            ["containerStatuses"] = statuses,
            ["ownedConditions"] = owned,
        };
        return status;
    }

    private string? NotReadyMessage()
    {
        var notReady = _containers.Where(c => !(c.Ready && c.IsRunning)).Select(c => c.Name).ToList();
        return notReady.Count == 0 ? null : $"containers with unready status: [{string.Join(' ', notReady)}]";
    }

    private string Phase(bool anyStarted)
    {
        if (_containers.Count == 0 || !anyStarted || _containers.Any(c => c.StartedAt is null))
        {
            return "Pending";
        }

        var done = _containers.All(c => c.State == ContainerStateKind.Terminated) && (_terminating || !_containers.Any(c => ShouldRestart(c.ExitCode, false)));
        if (!done)
        {
            return "Running";
        }

        // As kubelets since 1.27: a deleted pod whose containers have stopped reports a terminal phase.
        return _containers.All(c => c.ExitCode == 0) ? "Succeeded" : "Failed";
    }

    private JsonObject Condition(string type, bool value, string now, string? reason = null, string? message = null)
    {
        var status = value ? "True" : "False";
        if (!_conditions.TryGetValue(type, out var previous) || previous.Status != status)
        {
            previous = (status, now);
            _conditions[type] = previous;
        }

        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = previous.Time };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        return condition;
    }

    private JsonObject ContainerStatus(ContainerRuntime c)
    {
        JsonObject state = c.State switch
        {
            ContainerStateKind.Running => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(c.StartedAt) } },
            ContainerStateKind.Terminated => new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = c.ExitCode,
                    ["reason"] = c.Reason,
                    ["startedAt"] = Time(c.StartedAt),
                    ["finishedAt"] = Time(c.FinishedAt),
                    ["containerID"] = ContainerId(c),
                },
            },
            _ => new JsonObject { ["waiting"] = Waiting(c) },
        };
        var status = new JsonObject
        {
            ["name"] = c.Name,
            ["image"] = c.Image,
            ["imageID"] = $"zd-image://{c.Image}",
            ["ready"] = c.Ready && c.IsRunning && !_terminating,
            ["started"] = c.Started && c.IsRunning,
            ["restartCount"] = c.RestartCount,
            ["state"] = state,
            ["lastState"] = c.State == ContainerStateKind.Terminated ? new JsonObject() : c.LastTerminated?.DeepClone() ?? new JsonObject(),
        };
        if (c.StartedAt is not null)
        {
            status["containerID"] = ContainerId(c);
        }

        if (c.Spec["resources"] is JsonObject resources)
        {
            status["resources"] = resources.DeepClone();
        }

        return status;
    }

    private static JsonObject Waiting(ContainerRuntime c)
    {
        var waiting = new JsonObject { ["reason"] = c.Reason ?? "ContainerCreating" };
        if (c.Message is not null)
        {
            waiting["message"] = c.Message;
        }

        return waiting;
    }
}
