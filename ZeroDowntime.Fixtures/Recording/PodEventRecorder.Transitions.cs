using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Recording;

// Turning watch events into ClusterEvents: compare each object with the last state seen of it.
public sealed partial class PodEventRecorder
{
    private const string PresentAtStart = "present when recording started";

    private void ApplyPod(string role, WatchEventType type, V1Pod pod, bool initial)
    {
        if (type == WatchEventType.Bookmark)
        {
            return;
        }

        var now = MeasurementClock.UtcNow;
        var key = (role, pod.Metadata.Uid ?? pod.Metadata.Name ?? "");
        _pods.TryGetValue(key, out var before);
        var name = pod.Metadata.Name;
        var uid = pod.Metadata.Uid;
        var node = pod.Spec?.NodeName ?? before?.Spec?.NodeName;
        void Emit(ClusterEventKind kind, DateTimeOffset? serverTime = null, string? detail = null) =>
            _events.Add(new ClusterEvent(now, kind, role, name, uid, node, detail, serverTime));

        if (type == WatchEventType.Deleted)
        {
            if (before is not null && before.Metadata.DeletionTimestamp is null)
            {
                Emit(ClusterEventKind.PodTerminating, KubeTime.ToOffset(pod.Metadata.DeletionTimestamp), "deleted without a graceful termination seen");
            }

            _pods.Remove(key);
            Emit(ClusterEventKind.PodDeleted);
            NotifyWaiters();
            return;
        }

        _pods[key] = pod;
        if (before is null)
        {
            Emit(ClusterEventKind.PodCreated, KubeTime.ToOffset(pod.Metadata.CreationTimestamp), initial ? PresentAtStart : null);
        }

        if (before?.Spec?.NodeName is null && pod.Spec?.NodeName is not null)
        {
            Emit(ClusterEventKind.PodScheduled, KubeTime.ToOffset(Condition(pod, "PodScheduled")?.LastTransitionTime));
        }

        var wasReady = before is not null && IsPodReady(before);
        var isReady = IsPodReady(pod);
        if (isReady != wasReady && (before is not null || isReady))
        {
            Emit(isReady ? ClusterEventKind.PodReady : ClusterEventKind.PodNotReady, KubeTime.ToOffset(Condition(pod, "Ready")?.LastTransitionTime));
        }

        if (before?.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
        {
            Emit(ClusterEventKind.PodTerminating, KubeTime.ToOffset(pod.Metadata.DeletionTimestamp));
        }

        NotifyWaiters();
    }

    private void ApplyNode(WatchEventType type, V1Node node)
    {
        if (type == WatchEventType.Bookmark || node.Metadata.Name is not { } name)
        {
            return;
        }

        var now = MeasurementClock.UtcNow;
        _nodes.TryGetValue(name, out var before);
        void Emit(ClusterEventKind kind, DateTimeOffset? serverTime = null, string? detail = null) =>
            _events.Add(new ClusterEvent(now, kind, Node: name, Detail: detail, ServerTime: serverTime));

        if (type == WatchEventType.Deleted)
        {
            _nodes.Remove(name);
            if (before is null || IsNodeReady(before))
            {
                Emit(ClusterEventKind.NodeNotReady, detail: "node deleted");
            }

            NotifyWaiters();
            return;
        }

        _nodes[name] = node;
        var wasCordoned = before?.Spec?.Unschedulable == true;
        var isCordoned = node.Spec?.Unschedulable == true;
        if (wasCordoned != isCordoned)
        {
            Emit(isCordoned ? ClusterEventKind.NodeCordoned : ClusterEventKind.NodeUncordoned, detail: before is null ? PresentAtStart : null);
        }

        var readyCondition = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var isReady = IsNodeReady(node);
        if (before is null ? readyCondition is not null : isReady != IsNodeReady(before))
        {
            Emit(isReady ? ClusterEventKind.NodeReady : ClusterEventKind.NodeNotReady, KubeTime.ToOffset(readyCondition?.LastTransitionTime), before is null ? PresentAtStart : readyCondition?.Reason);
        }

        NotifyWaiters();
    }

    private static V1PodCondition? Condition(V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static bool IsPodReady(V1Pod pod) => Condition(pod, "Ready")?.Status == "True";

    private static bool IsNodeReady(V1Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";
}
