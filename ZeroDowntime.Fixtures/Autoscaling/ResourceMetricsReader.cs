using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// Reads the workers' CPU from the resource metrics API (<c>metrics.k8s.io/v1beta1</c> PodMetrics, what
/// metrics-server serves and <c>kubectl top</c> shows) and their CPU requests from the pods, as the HPA
/// does. The API has no watch: callers poll it at its own resolution, the <c>window</c> it reports.
/// </summary>
public static partial class ResourceMetricsReader
{
    /// <summary>One read: the workers' summed usage and requests, or the reason it failed as a sentence.</summary>
    public static async Task<(CpuSample? Sample, string? Problem)> ReadAsync(IKubernetes client, string ns, string workerSelector, string context, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        PodMetricsList metrics;
        try
        {
            metrics = await client.GetKubernetesPodsMetricsByNamespaceAsync(ns).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            return (null, Unavailable(e, ns, context));
        }

        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: workerSelector, cancellationToken: ct).ConfigureAwait(false);
        var requests = pods.Items.Where(p => p.Metadata.DeletionTimestamp is null)
            .ToDictionary(p => p.Metadata.Name, p => (p.Spec.Containers ?? []).Sum(c => Milli(c.Resources?.Requests, "cpu")), StringComparer.Ordinal);
        var workers = (metrics.Items ?? []).Where(m => m.Metadata?.Name is { } name && requests.ContainsKey(name)).ToList();
        var usage = workers.Sum(m => (m.Containers ?? []).Sum(c => Milli(c.Usage, "cpu")));
        var request = workers.Sum(m => requests[m.Metadata.Name]);
        var window = workers.Select(m => Window(m.Window)).FirstOrDefault(w => w > TimeSpan.Zero);
        return (new CpuSample(MeasurementClock.UtcNow, workers.Count, usage, request, window), null);
    }

    /// <summary>The sentence for a metrics API that does not answer: missing (no metrics-server) or unavailable.</summary>
    public static string Unavailable(HttpOperationException failure, string ns, string context)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var what = $"GET /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods: {failure.Describe()}";
        return failure.StatusCode() switch
        {
            HttpStatusCode.NotFound => $"The resource metrics API (metrics.k8s.io) is not served on context '{context}': the cluster has no metrics-server, " +
                $"so no HorizontalPodAutoscaler can read CPU. Install metrics-server and run again ({what}).",
            HttpStatusCode.ServiceUnavailable => $"The resource metrics API (metrics.k8s.io) is registered on context '{context}' but unavailable: " +
                $"metrics-server is not running or not reachable from the API server ({what}).",
            HttpStatusCode.Forbidden => $"Reading the resource metrics API (metrics.k8s.io pods) is forbidden on context '{context}'; grant get/list on it ({what}).",
            _ => $"The resource metrics API (metrics.k8s.io) did not answer on context '{context}' ({what}).",
        };
    }

    /// <summary>A Go duration as metrics-server writes its window (<c>15s</c>, <c>5.004s</c>, <c>1m0s</c>, <c>500ms</c>); zero when unreadable.</summary>
    public static TimeSpan Window(string? text)
    {
        var total = TimeSpan.Zero;
        var parts = GoDuration().Matches(text ?? "");
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            return TimeSpan.Zero;
        }

        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return total;
    }

    private static double Milli(IDictionary<string, ResourceQuantity>? quantities, string name) =>
        quantities is not null && quantities.TryGetValue(name, out var quantity) ? quantity.ToDouble() * 1000 : 0;

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex GoDuration();
}
