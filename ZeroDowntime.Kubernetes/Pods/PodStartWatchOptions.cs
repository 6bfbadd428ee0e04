using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>What <see cref="PodStartWatch"/> watches and how patient it is.</summary>
public sealed record PodStartWatchOptions
{
    /// <summary>How long a pod may stay stuck with a reason the kubelet retries (see <see cref="PodStartRules"/>).</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Restarts from which a container in CrashLoopBackOff counts.</summary>
    public int CrashLoopRestarts { get; init; } = 3;

    /// <summary>Label selector of the watch; null watches every pod of the namespace.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Which pods matter (e.g. those of a role not yet at its count); null: all of them.</summary>
    public Func<V1Pod, bool>? Include { get; init; }

    /// <summary>Log lines shown for a crash loop.</summary>
    public int LogLines { get; init; } = 5;

    /// <summary>The clock for grace periods.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
