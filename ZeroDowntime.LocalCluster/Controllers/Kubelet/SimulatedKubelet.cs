using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Kubelet;

/// <summary>
/// A stand-in kubelet that runs nothing (as KWOK): a pod bound to a node whose images all match
/// <see cref="SimulatedKubeletOptions.KnownImages"/> becomes Running and Ready after
/// <see cref="SimulatedKubeletOptions.ReadyDelay"/>, with a pod IP from its node's podCIDR; a pod
/// with an unknown image stays Pending (container waiting ErrImageNeverPull) with a Warning event
/// <c>Failed</c> naming the image. Graceful deletion is finished by <see cref="SimulatedPodTerminator"/>.
/// Used for fast controller tests and when no process kubelet is configured.
/// </summary>
public sealed class SimulatedKubelet : ReconcilingController
{
    private readonly SimulatedKubeletOptions _options;
    private readonly EventRecorder _events = new("kubelet");
    private readonly ConcurrentDictionary<string, DateTimeOffset> _startAt = new();
    private readonly ConcurrentDictionary<string, int> _nextIp = new();

    /// <summary>Creates the kubelet.</summary>
    public SimulatedKubelet(ControllerSettings settings, SimulatedKubeletOptions? options = null)
        : base(settings) => _options = options ?? new SimulatedKubeletOptions();

    /// <inheritdoc />
    public override string Name => "simulated-kubelet";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
        [new(api.Pods, e => e.Stored.Fields.GetValueOrDefault("spec.nodeName", "") == "" ? [] : [KeyOf(e)])];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) =>
        api.Pods.ListStored().Where(o => o.Fields.GetValueOrDefault("spec.nodeName", "") != "").Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.Pods.Type, ns, name);
        if (stored is null)
        {
            return null;
        }

        var pod = stored.As<V1Pod>();
        if (!pod.IsScheduled() || pod.IsTerminating() || pod.IsFinished())
        {
            _startAt.TryRemove(stored.Uid, out _);
            return null;
        }

        var now = api.Time.GetUtcNow();
        if (pod.Status?.Phase == "Running")
        {
            return MaybeComplete(api, pod, now);
        }

        var unknown = pod.ContainersOrEmpty().Select(c => c.Image ?? "").FirstOrDefault(i => !ImagePattern.MatchesAny(i, _options.KnownImages));
        if (unknown is not null)
        {
            RefuseImage(api, pod, unknown);
            return null;
        }

        var due = _startAt.GetOrAdd(stored.Uid, _ => now + _options.ReadyDelay);
        if (due > now)
        {
            return due - now;
        }

        Start(api, pod);
        return _options.RunToCompletionAfter;
    }

    private void Start(ClusterApi api, V1Pod pod)
    {
        var ip = AllocateIp(api, pod.Spec!.NodeName!);
        var startedAt = api.Timestamp();
        api.Pods.Mutate(pod.Metadata.NamespaceProperty, pod.Metadata.Name!, o =>
        {
            if (o.Uid() != pod.Metadata.Uid || o.GetString("status", "phase") != "Pending")
            {
                return;
            }

            var status = o.Ensure("status");
            status["phase"] = "Running";
            status["hostIP"] = "127.0.0.1";
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" });
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            status["startTime"] ??= startedAt;
            foreach (var type in (string[])["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready", "PodScheduled"])
            {
                PodConditions.Set(o, type, "True", null, null, startedAt);
            }

            status["containerStatuses"] = ContainerStatuses(pod, c => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = startedAt } }, ready: true, started: true);
        }, status: true);
    }

    private TimeSpan? MaybeComplete(ClusterApi api, V1Pod pod, DateTimeOffset now)
    {
        if (_options.RunToCompletionAfter is not { } runFor || pod.Spec?.RestartPolicy is not ("Never" or "OnFailure"))
        {
            return null;
        }

        var started = pod.Status?.StartTime?.At() ?? now;
        if (started + runFor > now)
        {
            return started + runFor - now;
        }

        var finishedAt = api.Timestamp();
        api.Pods.Mutate(pod.Metadata.NamespaceProperty, pod.Metadata.Name!, o =>
        {
            if (o.Uid() != pod.Metadata.Uid)
            {
                return;
            }

            o.Ensure("status")["phase"] = "Succeeded";
            PodConditions.Set(o, "Ready", "False", "PodCompleted", null, finishedAt);
            PodConditions.Set(o, "ContainersReady", "False", "PodCompleted", null, finishedAt);
            o.Ensure("status")["containerStatuses"] = ContainerStatuses(pod, c => new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = pod.Status?.StartTime is { } start ? Typed.ToNode(start.At()) : null,
                    ["finishedAt"] = finishedAt, ["containerID"] = ContainerId(pod, c),
                },
            }, ready: false, started: true);
        }, status: true);
        return null;
    }

    private void RefuseImage(ClusterApi api, V1Pod pod, string image)
    {
        var message = $"the local cluster cannot run image \"{image}\": it runs only images matching {string.Join(", ", _options.KnownImages)}";
        var now = api.Timestamp();
        api.Pods.Mutate(pod.Metadata.NamespaceProperty, pod.Metadata.Name!, o =>
        {
            if (o.Uid() != pod.Metadata.Uid)
            {
                return;
            }

            PodConditions.Set(o, "Initialized", "True", null, null, now);
            PodConditions.Set(o, "Ready", "False", "ContainersNotReady", $"containers with unready status: [{string.Join(" ", pod.Spec!.Containers.Select(c => c.Name))}]", now);
            PodConditions.Set(o, "ContainersReady", "False", "ContainersNotReady", $"containers with unready status: [{string.Join(" ", pod.Spec!.Containers.Select(c => c.Name))}]", now);
            o.Ensure("status")["containerStatuses"] = ContainerStatuses(pod, c => new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["reason"] = "ErrImageNeverPull",
                    ["message"] = ImagePattern.MatchesAny(c.Image ?? "", _options.KnownImages) ? "" : message,
                },
            }, ready: false, started: false);
        }, status: true);
        _events.Warning(api, pod, "Failed", $"Error: ErrImageNeverPull: {message}");
    }

    // As a kubelet reports them: a container that never started has no container id and an empty image id.
    private static JsonArray ContainerStatuses(V1Pod pod, Func<V1Container, JsonObject> state, bool ready, bool started) =>
        new(pod.Spec!.Containers.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["ready"] = ready,
            ["started"] = ready,
            ["restartCount"] = 0,
            ["image"] = c.Image,
            ["imageID"] = started ? $"zd-sim://{c.Image}" : "",
            ["containerID"] = started ? ContainerId(pod, c) : null,
            ["state"] = state(c),
        }).ToArray());

    private static string ContainerId(V1Pod pod, V1Container c) => $"zd-sim://{pod.Metadata.Uid}/{c.Name}";

    private string AllocateIp(ClusterApi api, string nodeName)
    {
        var cidr = api.Nodes.TryGet(null, nodeName)?.GetString("spec", "podCIDR") ?? "10.244.0.0/24";
        var prefix = cidr[..cidr.LastIndexOf('.')];
        var n = _nextIp.AddOrUpdate(nodeName, 2, (_, last) => last >= 254 ? 2 : last + 1);
        return $"{prefix}.{n}";
    }
}
