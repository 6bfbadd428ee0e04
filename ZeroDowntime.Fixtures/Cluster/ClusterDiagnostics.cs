using System.Globalization;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Dumps pods, nodes and events to a text file before cleanup changes them (like the e2e framework's failure dump).</summary>
public static class ClusterDiagnostics
{
    /// <summary>Writes <c>cluster-state.txt</c> into <paramref name="directory"/>; returns its path, or null if the cluster could not be read.</summary>
    public static async Task<string?> DumpAsync(IKubernetes client, string @namespace, string directory, string reason, CancellationToken ct = default)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Cluster state at {DateTimeOffset.UtcNow:O}: {reason}");
        try
        {
            text.AppendLine("## Nodes");
            foreach (var node in (await client.ListAllAsync(KubeResources.Nodes, ct: ct).ConfigureAwait(false)).Items)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{node.Metadata.Name} unschedulable={node.Spec?.Unschedulable == true} annotations={string.Join(",", node.Metadata.Annotations?.Keys ?? [])}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"## Pods in {@namespace}");
            var pods = (await client.ListAllAsync(KubeResources.Pods, @namespace, ct: ct).ConfigureAwait(false)).Items;
            foreach (var pod in pods)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{pod.Metadata.Name} phase={pod.Status?.Phase} ready={PodFacts.IsReady(pod)} node={PodFacts.NodeOf(pod)} ip={pod.Status?.PodIP} deleting={KubeTime.ToOffset(pod.Metadata.DeletionTimestamp):O}");
            }

            // A container that restarted took the reason with it: its previous log says why it exited.
            foreach (var pod in pods)
            {
                foreach (var status in pod.Status?.ContainerStatuses ?? [])
                {
                    if (status.RestartCount > 0)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture,
                            $"## Previous log of {pod.Metadata.Name}/{status.Name} (restarts={status.RestartCount}, last exit: {status.LastState?.Terminated?.ExitCode} {status.LastState?.Terminated?.Reason})");
                        text.AppendLine(await LogTailAsync(client, pod, status.Name, previous: true, PreviousLogLines, ct).ConfigureAwait(false));
                    }
                }
            }

            // What each container said most recently: e.g. the Sentinels' +switch-master lines when writes were lost.
            foreach (var pod in pods)
            {
                foreach (var status in pod.Status?.ContainerStatuses ?? [])
                {
                    if (status.State?.Running is not null)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"## Log of {pod.Metadata.Name}/{status.Name} (last {CurrentLogLines} lines)");
                        text.AppendLine(await LogTailAsync(client, pod, status.Name, previous: false, CurrentLogLines, ct).ConfigureAwait(false));
                    }
                }
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"## Events in {@namespace}");
            foreach (var e in (await client.ListAllAsync(KubeResources.Events, @namespace, ct: ct).ConfigureAwait(false)).Items
                         .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{KubeTime.ToOffset(e.LastTimestamp ?? e.EventTime):O} {e.Type} {e.Reason} {e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name}: {e.Message}");
            }
        }
        catch (Exception e) when (e is HttpOperationException or KubernetesConnectionException or TimeoutException)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"(reading the cluster failed: {ApiFailures.Explain(e)})");
        }

        try
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "cluster-state.txt");
            await File.WriteAllTextAsync(path, text.ToString(), ct).ConfigureAwait(false);
            return path;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private const int PreviousLogLines = 60;
    private const int CurrentLogLines = 200;

    private static async Task<string> LogTailAsync(IKubernetes client, V1Pod pod, string container, bool previous, int lines, CancellationToken ct)
    {
        try
        {
            using var log = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                container, previous: previous, tailLines: lines, cancellationToken: ct).ConfigureAwait(false);
            using var reader = new StreamReader(log);
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or KubernetesConnectionException or TimeoutException)
        {
            return $"(the {(previous ? "previous " : string.Empty)}log could not be read: {ApiFailures.Explain(e)})";
        }
    }
}
