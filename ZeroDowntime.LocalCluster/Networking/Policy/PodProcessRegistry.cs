using System.Collections.Concurrent;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// Which pod each running container process group belongs to. The kubelet registers every container's
/// process group (its supervisor's pid) when it starts and removes it when it exits, so a connection
/// can be traced back to the pod whose process opened it.
/// </summary>
public sealed class PodProcessRegistry
{
    private readonly ConcurrentDictionary<int, string> _groups = new();

    /// <summary>Records that process group <paramref name="processGroup"/> runs a container of pod <paramref name="podUid"/>.</summary>
    public void Register(int processGroup, string podUid) => _groups[processGroup] = podUid;

    /// <summary>Forgets a process group whose container exited.</summary>
    public void Unregister(int processGroup) => _groups.TryRemove(processGroup, out _);

    /// <summary>Every registered (process group, pod uid).</summary>
    public IReadOnlyList<KeyValuePair<int, string>> Snapshot() => [.. _groups];
}
