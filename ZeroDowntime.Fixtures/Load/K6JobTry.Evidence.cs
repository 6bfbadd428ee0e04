using System.Globalization;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;
using ZeroDowntime.Kubernetes.Legacy.Models;

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
            var text = await _client.GetPodLogsAsync(pod, _namespace, new PodLogOptions { Container = K6JobManifests.ContainerName, TailLines = 5 }, cancellationToken).ConfigureAwait(false);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception ex) when (ex is KubernetesApiException or KubernetesConnectionException or HttpRequestException or TimeoutException)
        {
            return [$"(log unavailable: {ex.Message})"];
        }
    }

    private async Task<IReadOnlyList<string>> EventsAsync(string? pod, CancellationToken cancellationToken)
    {
        var found = new List<Event>();
        foreach (var (kind, name) in new[] { ("Pod", pod), ("Job", Names.Job) })
        {
            if (name is null)
            {
                continue;
            }

            try
            {
                var list = await _client.ListAsync<Event>(_namespace, new ListOptions { FieldSelector = $"involvedObject.kind={kind},involvedObject.name={name}" }, cancellationToken).ConfigureAwait(false);
                found.AddRange(list.Items.Where(e => e.InvolvedObject.Name == name));
            }
            catch (Exception ex) when (ex is KubernetesApiException or KubernetesConnectionException or HttpRequestException or TimeoutException)
            {
                return [$"(events unavailable: {ex.Message})"];
            }
        }

        return found
            .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp)
            .TakeLast(EventsShown)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Type ?? "Normal"} {e.Reason}{(e.Count > 1 ? $" (x{e.Count})" : "")}: {e.Message}"))
            .ToList();
    }
}
