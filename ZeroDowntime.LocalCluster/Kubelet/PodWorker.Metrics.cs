namespace ZeroDowntime.LocalCluster.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>The running containers and their supervisors' pids (the roots of their process trees), for the resource metrics.</summary>
    public IReadOnlyList<(string Container, int Pid)> RunningContainers()
    {
        lock (_gate)
        {
            return _removed || _shutdown ? [] : _containers.Where(c => c.IsRunning).Select(c => (c.Name, c.Process!.Pid)).ToList();
        }
    }
}
