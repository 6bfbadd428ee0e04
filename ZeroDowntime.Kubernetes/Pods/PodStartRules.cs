using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>
/// What counts as a pod that cannot start, from its status alone (the same on every cluster). A container is
/// <b>stuck</b> when it waits with one of these reasons:
/// <list type="bullet">
/// <item><see cref="Immediate"/> (<c>InvalidImageName</c>, <c>ErrImageNeverPull</c>): nothing the kubelet retries can fix it.</item>
/// <item><see cref="AfterGrace"/> (image pulls, <c>CreateContainerError</c>, <c>CreateContainerConfigError</c>,
/// <c>RunContainerError</c>, hook errors): the kubelet retries these and some recover (a registry rate limit, a
/// Secret created a moment later), so they are terminal only once the pod has stayed in them, without running
/// in between, for a grace period.</item>
/// <item><see cref="CrashLoopBackOff"/> once the container restarted at least a given number of times: the kubelet backs
/// off only after a container exited at least twice in a row, so one restart while starting never counts.</item>
/// </list>
/// Nothing else is terminal: Pending without a node (a cluster autoscaler may add one), not Ready, a restart that
/// came up again, a terminating pod. Those are left to the wait's deadline, whose message shows the last state.
/// </summary>
public static class PodStartRules
{
    /// <summary>The kubelet's back-off waiting reason for a container that keeps exiting.</summary>
    public const string CrashLoopBackOff = "CrashLoopBackOff";

    /// <summary>Waiting reasons that are terminal as soon as they are seen.</summary>
    public static readonly IReadOnlySet<string> Immediate = new HashSet<string>(StringComparer.Ordinal) { "InvalidImageName", "ErrImageNeverPull" };

    /// <summary>Waiting reasons that are terminal once they have lasted the grace period.</summary>
    public static readonly IReadOnlySet<string> AfterGrace = new HashSet<string>(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "CreateContainerError", "CreateContainerConfigError", "RunContainerError",
        "PreStartHookError", "PostStartHookError",
    };

    /// <summary>
    /// The first container (init containers first) of <paramref name="pod"/> that waits with a stuck reason, or null.
    /// A crash loop counts from <paramref name="crashLoopRestarts"/> restarts; a terminating pod never counts.
    /// </summary>
    public static PodStartFailure? Stuck(V1Pod pod, int crashLoopRestarts)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return null;
        }

        var statuses = (pod.Status?.InitContainerStatuses ?? []).Select(s => (Status: s, Label: $"init container {s.Name}"))
            .Concat((pod.Status?.ContainerStatuses ?? []).Select(s => (Status: s, Label: $"container {s.Name}")));
        foreach (var (status, label) in statuses)
        {
            var waiting = status.State?.Waiting;
            if (waiting?.Reason is not { } reason)
            {
                continue;
            }

            var crashLoop = reason == CrashLoopBackOff && status.RestartCount >= Math.Max(1, crashLoopRestarts);
            if (crashLoop || Immediate.Contains(reason) || AfterGrace.Contains(reason))
            {
                return new PodStartFailure(pod.Metadata?.NamespaceProperty ?? "", pod.Metadata?.Name ?? "", label, reason, waiting.Message)
                {
                    ContainerName = status.Name,
                    RestartCount = status.RestartCount,
                    LastExit = status.LastState?.Terminated is { } exit ? $"exit code {exit.ExitCode} ({exit.Reason ?? "Error"})" : null,
                };
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="failure"/> needs no grace period.</summary>
    public static bool IsImmediate(PodStartFailure failure) =>
        failure is not null && (failure.Reason == CrashLoopBackOff || Immediate.Contains(failure.Reason));
}
