using System.Globalization;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>
    /// The process-kill test hook: SIGKILL to every process of one running container, as if its main
    /// process died (a container's processes share its PID namespace). The pod object is untouched; the
    /// restart policy restarts the container in place and <c>restartCount</c> goes up.
    /// </summary>
    /// <returns>One sentence saying what was killed.</returns>
    /// <exception cref="ApiException">400 for an unknown container, 409 when it is not running.</exception>
    public string KillContainer(string? container)
    {
        ContainerRuntime c;
        int group;
        int restarts;
        lock (_gate)
        {
            c = container is null || container.Length == 0
                ? _containers[0]
                : _containers.FirstOrDefault(x => x.Name == container)
                  ?? throw ApiException.BadRequest($"container {container} is not valid for pod {Name}");
            if (!c.IsRunning || _terminating)
            {
                throw new ApiException(409, "Conflict",
                    $"container {c.Name} of pod {Namespace}/{Name} is not running ({(_terminating ? "the pod is terminating" : c.Reason ?? c.State.ToString())}); nothing to kill");
            }

            group = c.Process!.Pid;
            restarts = c.RestartCount;
            c.Process.Kill();
        }

        var what = string.Create(CultureInfo.InvariantCulture, $"sent SIGKILL to container {c.Name} of pod {Namespace}/{Name} (process group {group}, restartCount {restarts})");
        _kubelet.RecordEvent(this, c.Name, "Warning", "Killed", $"Test hook: {what}");
        return what;
    }
}
