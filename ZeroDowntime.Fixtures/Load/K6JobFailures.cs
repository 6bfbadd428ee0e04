using System.Globalization;
using k8s.Models;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Tells "the load generator died" apart from "the service failed". k6 is judged from its summary,
/// not its exit code: a REST stop exits 103 and a signal 105, thresholds failing exits 99, and each of
/// those is a normal end whose attempts are a service result. An image that cannot be pulled, a
/// crash, an OOM kill, a script exception (107), <c>test.abort()</c> (108), a panic (109), invalid
/// configuration (104) or any end without a summary is a failure of the generator.
/// </summary>
public static class K6JobFailures
{
    /// <summary>How a try reads when the cluster cannot run the k6 image (the factory's hint keys on it).</summary>
    public const string ImageCannotBePulled = "the k6 image cannot be pulled";

    private static readonly HashSet<string> FatalWaitingReasons = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "CreateContainerConfigError",
        "CreateContainerError", "RunContainerError", "CrashLoopBackOff", "PreCreateHookError", "PreStartHookError",
    };

    /// <summary>What a k6 exit code means (https://github.com/grafana/k6/blob/master/errext/exitcodes/codes.go).</summary>
    public static string ExitCodeMeaning(int exitCode) => exitCode switch
    {
        0 => "completed",
        99 => "thresholds failed (a normal end)",
        103 => "stopped through the REST API (a normal stop)",
        104 => "invalid configuration",
        105 => "stopped by a signal (a normal stop)",
        107 => "script exception",
        108 => "test.abort() called",
        109 => "k6 panicked",
        137 => "killed (SIGKILL)",
        _ => "unexpected exit code",
    };

    /// <summary>True for the exit codes of a run that ended normally and can have a summary (0, 99, 103, 105).</summary>
    public static bool IsNormalEnd(int exitCode) => exitCode is 0 or 99 or 103 or 105;

    /// <summary>Assesses a k6 pod; <paramref name="summarySeen"/> says whether its summary was read (log line or terminated message).</summary>
    public static K6JobPodAssessment Assess(V1Pod? pod, bool summarySeen)
    {
        if (pod is null)
        {
            return new K6JobPodAssessment(K6JobPodState.Starting, "waiting for the Job controller to create the pod", "no pod yet");
        }

        var status = pod.Status;
        var container = status?.ContainerStatuses?.FirstOrDefault(c => c.Name == K6JobManifests.ContainerName) ?? status?.ContainerStatuses?.FirstOrDefault();
        var evidence = Describe(pod);
        if (container?.State?.Terminated is { } terminated)
        {
            return AssessTerminated(terminated, summarySeen, evidence);
        }

        if (container?.State?.Waiting is { Reason: { } waiting } && FatalWaitingReasons.Contains(waiting))
        {
            var what = waiting is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName" or "ErrImageNeverPull"
                ? ImageCannotBePulled
                : waiting == "CrashLoopBackOff" ? "the k6 container keeps crashing" : "the k6 container cannot be started";
            return Failed($"{what} ({waiting})", evidence);
        }

        if (status?.Phase == "Failed")
        {
            var reason = status.Reason is { Length: > 0 } r ? r : "pod failed";
            return summarySeen
                ? new K6JobPodAssessment(K6JobPodState.Finished, "k6 left its summary before the pod failed", evidence)
                : Failed(reason == "DeadlineExceeded" ? "the k6 Job hit its activeDeadlineSeconds safety net" : $"the k6 pod failed ({reason})", evidence);
        }

        if (status?.Phase == "Succeeded")
        {
            return summarySeen
                ? new K6JobPodAssessment(K6JobPodState.Finished, "k6 completed", evidence)
                : Failed("k6 ended without printing its summary", evidence);
        }

        if (pod.Metadata.DeletionTimestamp is not null && container?.State?.Running is null)
        {
            return Failed("the k6 pod was deleted before it ran", evidence);
        }

        return container?.State?.Running is not null
            ? new K6JobPodAssessment(K6JobPodState.Running, "k6 is running", evidence)
            : new K6JobPodAssessment(K6JobPodState.Starting, "the k6 pod is starting", evidence);
    }

    /// <summary>One line of evidence: pod phase and reason, node, container state and reason, exit code and its meaning.</summary>
    public static string Describe(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"pod {pod.Metadata.Name} phase {pod.Status?.Phase ?? "(none)"}" };
        if (pod.Status?.Reason is { Length: > 0 } reason)
        {
            parts[0] += $" ({reason})";
        }

        if (pod.Spec?.NodeName is { Length: > 0 } node)
        {
            parts.Add($"on node {node}");
        }

        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False" })
        {
            parts.Add($"unschedulable: {scheduled.Message ?? scheduled.Reason}");
        }

        foreach (var c in pod.Status?.ContainerStatuses ?? [])
        {
            var state = c.State;
            if (state?.Terminated is { } t)
            {
                parts.Add(string.Create(inv, $"container {c.Name} terminated ({t.Reason ?? "no reason"}) with exit code {t.ExitCode}: {ExitCodeMeaning(t.ExitCode)}"));
            }
            else if (state?.Waiting is { } w)
            {
                parts.Add($"container {c.Name} waiting ({w.Reason ?? "no reason"}{(w.Message is { Length: > 0 } m ? ": " + m : "")})");
            }
            else if (state?.Running is not null)
            {
                parts.Add($"container {c.Name} running");
            }
        }

        return string.Join(", ", parts);
    }

    private static K6JobPodAssessment AssessTerminated(V1ContainerStateTerminated terminated, bool summarySeen, string evidence)
    {
        var code = terminated.ExitCode;
        if (terminated.Reason == "OOMKilled")
        {
            return Failed("the k6 container ran out of memory (OOMKilled)", evidence);
        }

        if (!IsNormalEnd(code))
        {
            return Failed(string.Create(CultureInfo.InvariantCulture, $"k6 exited with code {code} ({ExitCodeMeaning(code)})"), evidence);
        }

        return summarySeen
            ? new K6JobPodAssessment(K6JobPodState.Finished, string.Create(CultureInfo.InvariantCulture, $"k6 exited with code {code} ({ExitCodeMeaning(code)}) and left its summary"), evidence)
            : Failed(string.Create(CultureInfo.InvariantCulture, $"k6 exited with code {code} ({ExitCodeMeaning(code)}) without printing its summary"), evidence);
    }

    private static K6JobPodAssessment Failed(string reason, string evidence) => new(K6JobPodState.GeneratorFailed, reason, evidence);
}
