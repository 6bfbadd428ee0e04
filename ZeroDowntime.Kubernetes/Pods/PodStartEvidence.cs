using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>
/// The evidence a failure sentence quotes, read through the API: the pod's latest Warning event (any event
/// when it has none) and, for a crash loop, the last lines of the container's previous run. Evidence that
/// cannot be read is left out rather than failing the report.
/// </summary>
public static class PodStartEvidence
{
    private const int LineLength = 200;

    /// <summary><paramref name="failure"/> with <see cref="PodStartFailure.Event"/> and, for a crash loop, <see cref="PodStartFailure.LastLogLines"/>.</summary>
    public static async Task<PodStartFailure> AddToAsync(IKubernetes client, PodStartFailure failure, int logLines, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(failure);
        // A crash loop's own event is the kubelet's BackOff; a readiness probe failing meanwhile says less.
        var prefer = failure.Reason == PodStartRules.CrashLoopBackOff ? "BackOff" : null;
        var withEvent = failure with { Event = await LastEventAsync(client, failure.Namespace, failure.Pod, ct, prefer).ConfigureAwait(false) };
        if (failure.Reason != PodStartRules.CrashLoopBackOff || logLines <= 0)
        {
            return withEvent;
        }

        return withEvent with { LastLogLines = await PreviousLogAsync(client, failure, logLines, ct).ConfigureAwait(false) };
    }

    /// <summary>
    /// The pod's latest event with reason <paramref name="preferReason"/> when there is one, else its latest Warning
    /// event, else its latest event, as <c>Reason: message</c>; null when it has none.
    /// </summary>
    public static async Task<string?> LastEventAsync(IKubernetes client, string @namespace, string pod, CancellationToken ct, string? preferReason = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var list = await client.ListAllAsync(KubeResources.Events, @namespace, fieldSelector: $"involvedObject.kind=Pod,involvedObject.name={pod}", ct: ct)
                .ConfigureAwait(false);
            var events = list.Items.Where(e => e.InvolvedObject?.Name == pod).OrderBy(When).ToList();
            var last = (preferReason is null ? null : events.LastOrDefault(e => e.Reason == preferReason))
                ?? events.LastOrDefault(e => e.Type == "Warning") ?? events.LastOrDefault();
            return last is null ? null : Describe(last);
        }
        catch (Exception e) when (e is HttpOperationException or KubernetesConnectionException or HttpRequestException or IOException)
        {
            return null;
        }
    }

    /// <summary><c>Failed: message</c>, or <c>BackOff (x4): message</c> for a repeated event.</summary>
    public static string Describe(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var count = e.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (x{e.Count})") : "";
        return $"{e.Reason}{count}: {PodStartFailure.OneLine(e.Message ?? "")}";
    }

    private static DateTime When(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    private static async Task<IReadOnlyList<string>> PreviousLogAsync(IKubernetes client, PodStartFailure failure, int lines, CancellationToken ct)
    {
        try
        {
            using var log = await client.CoreV1.ReadNamespacedPodLogAsync(failure.Pod, failure.Namespace, failure.ContainerName, previous: true, tailLines: lines, cancellationToken: ct)
                .ConfigureAwait(false);
            using var reader = new StreamReader(log);
            var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeLast(lines)
                .Select(l => l.Length > LineLength ? l[..LineLength] + "…" : l)
                .ToList();
        }
        catch (Exception e) when (e is HttpOperationException or KubernetesConnectionException or HttpRequestException or IOException)
        {
            return [];
        }
    }
}
