using System.Globalization;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>A pod's state in a few words, as the last seen state of a wait that timed out.</summary>
public static class PodStateText
{
    /// <summary>
    /// <c>Pending (PodScheduled False: Unschedulable: 0/5 nodes are available ...)</c>, <c>Running, container ray-worker
    /// not ready</c>, <c>Pending, container redis waiting: ContainerCreating</c>, <c>terminating</c>.
    /// </summary>
    public static string Describe(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return "terminating";
        }

        var parts = new List<string> { pod.Status?.Phase ?? "Unknown" };
        var unscheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
        if (unscheduled is not null)
        {
            parts[0] += $" (not scheduled: {unscheduled.Reason}{(string.IsNullOrEmpty(unscheduled.Message) ? "" : $": {PodStartFailure.OneLine(unscheduled.Message)}")})";
        }

        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            if (status.State?.Waiting is { } waiting)
            {
                parts.Add($"container {status.Name} waiting: {waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? "" : $" ({PodStartFailure.OneLine(waiting.Message)})")}");
            }
            else if (status.State?.Terminated is { } exit)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"container {status.Name} exited with code {exit.ExitCode} ({exit.Reason})"));
            }
            else if (!status.Ready)
            {
                parts.Add($"container {status.Name} not ready");
            }

            if (status.RestartCount > 0)
            {
                parts[^1] += string.Create(CultureInfo.InvariantCulture, $", {status.RestartCount} restart(s)");
            }
        }

        return string.Join(", ", parts);
    }
}
