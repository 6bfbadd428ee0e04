using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>The kubelet's view of one container of a pod: its current process, state and counters. Guarded by the pod worker's lock.</summary>
internal sealed class ContainerRuntime(JsonObject spec, int logCapacity)
{
    public JsonObject Spec { get; } = spec;

    public string Name { get; } = spec.GetString("name") ?? "";

    public string Image { get; } = spec.GetString("image") ?? "";

    public int LogCapacity { get; } = logCapacity;

    public SupervisedProcess? Process { get; set; }

    public ContainerLog? Log { get; set; }

    public ContainerLog? PreviousLog { get; set; }

    public IReadOnlyDictionary<string, string> Env { get; set; } = new Dictionary<string, string>();

    public int RestartCount { get; set; }

    /// <summary>Restarts since the back-off last reset (drives CrashLoopBackOff, not the reported restartCount).</summary>
    public int BackoffSteps { get; set; }

    public ContainerStateKind State { get; set; } = ContainerStateKind.Waiting;

    public string? Reason { get; set; } = "ContainerCreating";

    public string? Message { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int ExitCode { get; set; }

    public JsonObject? LastTerminated { get; set; }

    public bool Ready { get; set; }

    public bool Started { get; set; }

    /// <summary>Set when the kubelet itself is stopping the current process (liveness failure), so the exit is not a crash report.</summary>
    public string? StopReason { get; set; }

    public CancellationTokenSource? ProbeScope { get; set; }

    public Task Loop { get; set; } = Task.CompletedTask;

    public bool IsRunning => State == ContainerStateKind.Running && Process is not null;

    public JsonObject? Probe(string kind) => Spec[kind] as JsonObject;
}

/// <summary>The three container states of the Kubernetes API.</summary>
internal enum ContainerStateKind
{
    Waiting,
    Running,
    Terminated,
}
