using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>The eviction subresource as a typed outcome (the library reports a refusal as an exception).</summary>
public static class KubeEviction
{
    private const string MultipleBudgetsMessage = "more than one PodDisruptionBudget";

    /// <summary>
    /// Asks the API server to evict a pod, honouring PodDisruptionBudgets. A 429 refusal is a result, not an
    /// error, and is never retried here: the caller decides when to try again (kubectl drain waits 5 s).
    /// </summary>
    /// <exception cref="MultiplePodDisruptionBudgetsException">500: more than one budget selects the pod.</exception>
    /// <exception cref="InvalidOperationException">Any other failure (403, 500, ...): the message is the server's answer
    /// (<see cref="ApiErrors.Describe(V1Status)"/>), the inner exception the library's <see cref="HttpOperationException"/>.</exception>
    /// <example><code>
    /// var result = await kube.EvictPodAsync("ray-worker-1", "ray");
    /// if (result.Outcome == EvictionOutcome.RefusedByBudget) log(result.ToString());
    /// </code></example>
    public static async Task<EvictionResult> EvictPodAsync(this IKubernetes kube, string name, string @namespace,
        long? gracePeriodSeconds = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
            DeleteOptions = gracePeriodSeconds is null ? null : new V1DeleteOptions { GracePeriodSeconds = gracePeriodSeconds },
        };
        try
        {
            await kube.CoreV1.CreateNamespacedPodEvictionAsync(eviction, name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            return new EvictionResult(EvictionOutcome.Evicted, new V1Status { Code = 201, Status = "Success" });
        }
        catch (HttpOperationException ex)
        {
            var status = ex.Status()!;
            return ex.StatusCode() switch
            {
                HttpStatusCode.TooManyRequests => new EvictionResult(EvictionOutcome.RefusedByBudget, status),
                HttpStatusCode.NotFound => new EvictionResult(EvictionOutcome.NotFound, status),
                HttpStatusCode.InternalServerError when status.Message?.Contains(MultipleBudgetsMessage, StringComparison.Ordinal) == true =>
                    throw new MultiplePodDisruptionBudgetsException($"{@namespace}/{name}", status, ex),
                _ => throw new InvalidOperationException($"Evicting pod {@namespace}/{name} failed: {ApiErrors.Describe(status)}", ex),
            };
        }
    }
}
