using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Networking;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The local cluster's kubelet: runs every container of every pod bound to its nodes as a real OS
/// process (see <see cref="ImageMappings"/>), on the pod's own loopback address, with probes,
/// restarts, logs and graceful termination. It is both a controller (it watches pods) and the
/// cluster's <see cref="IPodTerminator"/>. Processes never outlive the host (see docs/local-cluster-kubelet.md).
/// </summary>
/// <example><code>
/// var kubelet = new ProcessKubelet(new KubeletOptions { CrashLoopBackoffBase = TimeSpan.FromMilliseconds(200) });
/// options.Controllers.Add(kubelet);
/// options.PodTerminator = _ => kubelet;
/// </code></example>
public sealed partial class ProcessKubelet : IClusterController, IPodTerminator, IDisposable
{
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new();
    private readonly ConcurrentDictionary<string, string> _hostIps = new();
    private ClusterApi? _api;
    private bool _stopped;

    /// <summary>Creates a kubelet; it starts working when the host runs it as a controller.</summary>
    public ProcessKubelet(KubeletOptions? options = null, LocalNetwork? network = null, TextWriter? log = null)
    {
        Options = options ?? new KubeletOptions();
        Network = network ?? new LocalNetwork();
        Log = log ?? Console.Error;
        InstanceId = Guid.NewGuid().ToString("N")[..16];
        Placeholders = Options.Placeholders();
        Metrics = new Metrics.ResourceMetricsStore(Options.MetricsWindow);
        Files = new KubeletFiles(InstanceId);
    }

    /// <inheritdoc />
    public string Name => "kubelet";

    /// <summary>The value of <see cref="KubeletOptions.MarkerVariable"/> in every process this kubelet starts.</summary>
    public string InstanceId { get; }

    /// <summary>The options in force.</summary>
    public KubeletOptions Options { get; }

    /// <summary>The shared address pools and pod-stopped notifications.</summary>
    public LocalNetwork Network { get; }

    internal TextWriter Log { get; }

    internal IReadOnlyDictionary<string, string> Placeholders { get; }

    /// <summary>Containers' working directories and the redis-server shim, under one temporary root.</summary>
    internal KubeletFiles Files { get; }

    /// <inheritdoc />
    public async Task RunAsync(ClusterApi api, CancellationToken ct)
    {
        _api = api;
        api.ResourceMetrics ??= Metrics; // this kubelet is the cluster's metrics pipeline
        var nodes = WatchNodesAsync(api, ct);
        var sampling = SampleResourcesAsync(api, ct);
        try
        {
            await foreach (var e in api.Pods.WatchAsync(ct: ct).ConfigureAwait(false))
            {
                Dispatch(api, e);
            }
        }
        finally
        {
            _stopped = true;
            await Task.WhenAll(_workers.Values.Select(w => w.ShutdownAsync())).ConfigureAwait(false);
            await nodes.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await sampling.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            Files.RemoveAll();
        }
    }

    /// <inheritdoc />
    public void TerminationRequested(PodTermination termination)
    {
        if (_workers.TryGetValue(termination.Uid, out var worker))
        {
            worker.RequestTermination(termination.Deadline);
        }
    }

    /// <summary>The captured output of a container (current instance, or the previous one); null when unknown.</summary>
    public ContainerLog? FindLog(string podUid, string container, bool previous = false) =>
        _workers.TryGetValue(podUid, out var worker) ? worker.FindLog(container, previous) : null;

    /// <summary>
    /// The process-kill test hook (<see cref="ProcessKillHandler"/>): SIGKILL to the processes of a running
    /// container of the pod with uid <paramref name="podUid"/>; the restart policy then restarts it in place.
    /// </summary>
    /// <exception cref="ApiException">The pod does not run on this kubelet, the container is unknown or not running.</exception>
    public string KillContainer(string podUid, string? container) =>
        _workers.TryGetValue(podUid, out var worker)
            ? worker.KillContainer(container)
            : throw new ApiException(409, "Conflict", $"no process of pod uid {podUid} runs on this kubelet; nothing to kill");

    /// <summary>The process group ids of every running container (for diagnostics and orphan tests).</summary>
    public IReadOnlyList<int> ProcessGroups() => _workers.Values.SelectMany(w => w.ProcessGroups()).ToList();

    /// <summary>Kills every process at once (the host normally stops pods gracefully first).</summary>
    public void Dispose()
    {
        _stopped = true;
        foreach (var worker in _workers.Values)
        {
            worker.KillAll();
        }

        Files.RemoveAll();
    }

    internal string HostIp(string nodeName)
    {
        if (_hostIps.TryGetValue(nodeName, out var ip))
        {
            return ip;
        }

        var node = _api?.Nodes.TryGet(null, nodeName);
        ip = (node?.GetNode("status", "addresses") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => a.GetString("type") == "InternalIP")?.GetString("address") ?? "127.0.0.1";
        _hostIps[nodeName] = ip;
        return ip;
    }

    internal void WorkerFinished(PodWorker worker)
    {
        _workers.TryRemove(new KeyValuePair<string, PodWorker>(worker.Uid, worker));
        ForgetEvents(worker.Uid);
        Files.RemovePod(worker.Uid);
    }

    internal Task LogAsync(string message) => Log.WriteLineAsync($"kubelet: {message}");

    private bool Serves(string? nodeName) =>
        !string.IsNullOrEmpty(nodeName) && (Options.NodeNames is null || Options.NodeNames.Contains(nodeName));

    private void Dispatch(ClusterApi api, ResourceEvent e)
    {
        var uid = e.Stored.Uid;
        if (e.Type == WatchEventType.Deleted)
        {
            if (_workers.TryGetValue(uid, out var gone))
            {
                gone.Removed();
            }

            return;
        }

        var pod = e.Object;
        if (_workers.TryGetValue(uid, out var worker))
        {
            worker.Observe(pod);
            return;
        }

        if (_stopped || !Serves(pod.GetString("spec", "nodeName")) || pod.GetString("status", "phase") is "Succeeded" or "Failed")
        {
            return;
        }

        if (pod.GetNode("metadata", "deletionTimestamp") is not null)
        {
            // Deleted before this kubelet ran anything for it: nothing to stop.
            TryRemove(api, pod);
            return;
        }

        worker = new PodWorker(this, api, pod);
        if (_workers.TryAdd(uid, worker))
        {
            worker.Start();
        }
    }

    private async Task WatchNodesAsync(ClusterApi api, CancellationToken ct)
    {
        await foreach (var e in api.Nodes.WatchAsync(ct: ct).ConfigureAwait(false))
        {
            _hostIps.TryRemove(e.Name, out _);
            if (e.Type == WatchEventType.Deleted)
            {
                foreach (var worker in _workers.Values.Where(w => w.NodeName == e.Name))
                {
                    worker.NodeLost();
                }
            }
        }
    }

    private static void TryRemove(ClusterApi api, JsonObject pod)
    {
        try
        {
            api.Pods.Delete(pod.Namespace(), pod.Name(), new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Uid() } });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone.
        }
    }
}
