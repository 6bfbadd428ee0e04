using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Load;

// Evidence for a failure message: pod phase, container state, last log lines, events.
internal sealed partial class K6JobTry
{
    private const int EventsShown = 8;

    /// <summary>One paragraph: the reason, then the pod and container state, the last log lines and the Warning/Normal events of the pod and the Job.</summary>
    public async Task<string> DescribeFailureAsync(string reason, CancellationToken cancellationToken)
    {
        var parts = new List<string> { $"Job {Names.Job}: {reason}." };
        var pod = Pod;
        parts.Add(pod is null ? "No pod was created." : K6JobFailures.Describe(pod) + ".");
        var lines = LastLines;
        if (lines.Count == 0 && pod?.Metadata.Name is { } name)
        {
            lines = await TailAsync(name, cancellationToken).ConfigureAwait(false);
        }

        parts.Add(lines.Count == 0 ? "Log: (empty)." : "Last log lines: " + string.Join(" | ", lines.TakeLast(5)));
        var events = await EventsAsync(pod?.Metadata.Name, cancellationToken).ConfigureAwait(false);
        parts.Add(events.Count == 0 ? "Events: (none)." : "Events: " + string.Join(" | ", events));
        return string.Join(" ", parts);
    }

    private async Task<IReadOnlyList<string>> TailAsync(string pod, CancellationToken cancellationToken)
    {
        try
        {
            using var log = await _client.CoreV1.ReadNamespacedPodLogAsync(pod, _namespace, K6JobManifests.ContainerName, tailLines: 5, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            using var reader = new StreamReader(log);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception ex) when (ex is HttpOperationException or KubernetesConnectionException or HttpRequestException or IOException or TimeoutException)
        {
            return [$"(log unavailable: {ApiFailures.Explain(ex)})"];
        }
    }

    private async Task<IReadOnlyList<string>> EventsAsync(string? pod, CancellationToken cancellationToken)
    {
        var found = new List<Corev1Event>();
        foreach (var (kind, name) in new[] { ("Pod", pod), ("Job", Names.Job) })
        {
            if (name is null)
            {
                continue;
            }

            try
            {
                var list = await _client.ListAllAsync(KubeResources.Events, _namespace, fieldSelector: $"involvedObject.kind={kind},involvedObject.name={name}", ct: cancellationToken)
                    .ConfigureAwait(false);
                found.AddRange(list.Items.Where(e => e.InvolvedObject?.Name == name));
            }
            catch (Exception ex) when (ex is HttpOperationException or KubernetesConnectionException or HttpRequestException or TimeoutException)
            {
                return [$"(events unavailable: {ApiFailures.Explain(ex)})"];
            }
        }

        return found
            .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp)
            .TakeLast(EventsShown)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Type ?? "Normal"} {e.Reason}{(e.Count > 1 ? $" (x{e.Count})" : "")}: {e.Message}"))
            .ToList();
    }
}
