using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Pods;

/// <summary>Pods as the API reports them in the states the start rules judge.</summary>
internal static class PodStatuses
{
    public static V1Pod Waiting(string reason, string? message = null, int restarts = 0, string name = "ray-worker-1", bool init = false, V1ContainerStateTerminated? lastExit = null)
    {
        var status = new V1ContainerStatus
        {
            Name = init ? "setup" : "app",
            Image = "example/app:1",
            ImageID = "",
            Ready = false,
            RestartCount = restarts,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
            LastState = lastExit is null ? null : new V1ContainerState { Terminated = lastExit },
        };
        return Pod(name, init ? [status] : null, init ? null : [status]);
    }

    public static V1Pod Running(string name = "ray-worker-1", int restarts = 0, bool ready = true) => Pod(name, null,
    [
        new V1ContainerStatus
        {
            Name = "app", Image = "example/app:1", ImageID = "", Ready = ready, RestartCount = restarts,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } },
        },
    ]);

    public static V1Pod Pod(string name, IList<V1ContainerStatus>? init, IList<V1ContainerStatus>? containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = $"uid-{name}" },
        Status = new V1PodStatus { Phase = "Pending", InitContainerStatuses = init, ContainerStatuses = containers },
    };
}
