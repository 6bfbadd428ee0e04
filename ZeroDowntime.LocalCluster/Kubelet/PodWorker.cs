using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Networking;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// Runs one pod (by uid) from bind to removal: address, containers, probes, restarts, status and
/// graceful termination. One instance per pod; all state changes go through <see cref="_gate"/>.
/// </summary>
internal sealed partial class PodWorker
{
    private readonly object _gate = new();
    private readonly ProcessKubelet _kubelet;
    private readonly ClusterApi _api;
    private readonly List<ContainerRuntime> _containers;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _terminationRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _deadlineChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _deadline = DateTimeOffset.MaxValue;
    private bool _terminating;
    private bool _removed;
    private bool _shutdown;
    private bool _nodeLost;
    private IPAddress? _address;
    private DateTimeOffset? _startTime;

    public PodWorker(ProcessKubelet kubelet, ClusterApi api, JsonObject pod)
    {
        _kubelet = kubelet;
        _api = api;
        Pod = pod;
        Namespace = pod.Namespace() ?? "default";
        Name = pod.Name();
        Uid = pod.Uid();
        NodeName = pod.GetString("spec", "nodeName") ?? "";
        _containers = (pod.GetNode("spec", "containers") as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new ContainerRuntime((JsonObject)c.DeepClone(), kubelet.Options.LogLinesPerContainer)).ToList();
    }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public string NodeName { get; }

    /// <summary>The pod as last seen (spec is immutable for what we use; status carries podIP for env).</summary>
    public JsonObject Pod { get; private set; }

    /// <summary>Completes when the worker is done (pod removed, or kubelet stopped).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>The pod's loopback address once allocated.</summary>
    public IPAddress? Address
    {
        get
        {
            lock (_gate)
            {
                return _address;
            }
        }
    }

    private string RestartPolicy => Pod.GetString("spec", "restartPolicy") ?? "Always";

    private TimeSpan PodGracePeriod => TimeSpan.FromSeconds(Pod.GetInt64("spec", "terminationGracePeriodSeconds") ?? 30);

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>The container's log (current instance, or the previous one).</summary>
    public ContainerLog? FindLog(string container, bool previous)
    {
        lock (_gate)
        {
            var c = _containers.FirstOrDefault(x => x.Name == container);
            return previous ? c?.PreviousLog : c?.Log;
        }
    }

    /// <summary>A newer state of the pod arrived from the watch.</summary>
    public void Observe(JsonObject pod)
    {
        Pod = pod;
        if (pod.GetNode("metadata", "deletionTimestamp") is not null)
        {
            var grace = TimeSpan.FromSeconds(pod.GetInt64("metadata", "deletionGracePeriodSeconds") ?? 0);
            RequestTermination(_api.Time.GetUtcNow() + grace);
        }
    }

    /// <summary>Graceful deletion began (or its deadline moved earlier).</summary>
    public void RequestTermination(DateTimeOffset deadline)
    {
        TaskCompletionSource? changed = null;
        lock (_gate)
        {
            if (deadline < _deadline)
            {
                _deadline = deadline;
                changed = _deadlineChanged;
                _deadlineChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        changed?.TrySetResult();
        _terminationRequested.TrySetResult();
    }

    /// <summary>The object is gone (force delete, or our own final delete): stop whatever still runs.</summary>
    public void Removed()
    {
        lock (_gate)
        {
            _removed = true;
        }

        RequestTermination(_api.Time.GetUtcNow() + _kubelet.Options.ShutdownGracePeriod);
    }

    /// <summary>The node went away: processes die at once, as on a node failure.</summary>
    public void NodeLost()
    {
        lock (_gate)
        {
            _nodeLost = true;
        }

        RequestTermination(_api.Time.GetUtcNow());
    }

    /// <summary>The kubelet is stopping (cluster shutdown): stop processes without touching the API.</summary>
    public Task ShutdownAsync()
    {
        lock (_gate)
        {
            _shutdown = true;
        }

        RequestTermination(_api.Time.GetUtcNow() + _kubelet.Options.ShutdownGracePeriod);
        return Completion;
    }

    /// <summary>The process group ids of the running containers.</summary>
    public IReadOnlyList<int> ProcessGroups()
    {
        lock (_gate)
        {
            return _containers.Where(c => c.Process is not null).Select(c => c.Process!.Pid).ToList();
        }
    }

    /// <summary>Last-resort synchronous kill of every process (dispose without a graceful stop).</summary>
    public void KillAll()
    {
        lock (_gate)
        {
            _shutdown = true;
            foreach (var c in _containers)
            {
                c.Process?.Kill();
            }
        }
    }

    private async Task RunAsync()
    {
        try
        {
            Prepare();
            foreach (var container in _containers)
            {
                container.Loop = RunContainerAsync(container);
            }

            await Task.WhenAny(_terminationRequested.Task, Task.WhenAll(_containers.Select(c => c.Loop))).ConfigureAwait(false);
            SyncStatus();
            await _terminationRequested.Task.ConfigureAwait(false);
            await TerminateAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await _kubelet.LogAsync($"pod {Namespace}/{Name}: {e}").ConfigureAwait(false);
            KillAll();
        }
        finally
        {
            ReleaseAddress();
            _kubelet.WorkerFinished(this);
        }
    }

    private void Prepare()
    {
        var ports = _containers.SelectMany(c => (c.Spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(p => (int)(p.GetInt64("containerPort") ?? 0));
        lock (_gate)
        {
            _address = _kubelet.Network.PodAddresses.Allocate(ports);
            _startTime = _api.Time.GetUtcNow();
        }

        SyncStatus();
    }

    private void ReleaseAddress()
    {
        IPAddress? address;
        lock (_gate)
        {
            address = _address;
        }

        if (address is not null)
        {
            _kubelet.Network.PodStopped(address);
            _kubelet.Network.PodAddresses.Release(address);
        }
    }
}
