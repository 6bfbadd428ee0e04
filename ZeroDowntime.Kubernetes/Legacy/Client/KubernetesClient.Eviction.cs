using System.Net;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// The eviction subresource: the PDB-respecting way to remove a pod (what kubectl drain uses).
public sealed partial class KubernetesClient
{
    private const string MultipleBudgetsMessage = "more than one PodDisruptionBudget";

    /// <summary>
    /// Asks the API server to evict a pod, honouring PodDisruptionBudgets. A 429 refusal is a result,
    /// not an error, and is never retried by the client: the caller decides when to try again.
    /// </summary>
    /// <param name="podName">The pod.</param>
    /// <param name="namespace">Its namespace; null means <see cref="DefaultNamespace"/>.</param>
    /// <param name="gracePeriodSeconds">Overrides the pod's terminationGracePeriodSeconds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="MultiplePodDisruptionBudgetsException">500: more than one budget selects the pod.</exception>
    /// <exception cref="KubernetesApiException">Any other failure (403, 500, ...).</exception>
    /// <example><code>
    /// var result = await client.EvictAsync("ray-worker-1", "ray");
    /// if (result.Outcome == EvictionOutcome.RefusedByBudget) log(result.ToString());
    /// </code></example>
    public async Task<LegacyEvictionResult> EvictAsync(string podName, string? @namespace = null, long? gracePeriodSeconds = null, CancellationToken cancellationToken = default)
    {
        var ns = NamespaceOrDefault(@namespace);
        var eviction = new Eviction
        {
            Metadata = new ObjectMeta { Name = podName, Namespace = ns },
            DeleteOptions = gracePeriodSeconds is null ? null : new DeleteOptions { GracePeriodSeconds = gracePeriodSeconds },
        };
        var request = new ApiRequest(HttpMethod.Post, ItemPath<Pod>(ns, podName) + "/eviction", Body: Json(eviction), Retryable: false);
        var (code, body) = await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false);
        var status = ReadStatus(code, body);
        switch (code)
        {
            case HttpStatusCode.OK or HttpStatusCode.Created:
                return new LegacyEvictionResult(EvictionOutcome.Evicted, status);
            case HttpStatusCode.TooManyRequests:
                return new LegacyEvictionResult(EvictionOutcome.RefusedByBudget, status);
            case HttpStatusCode.NotFound:
                return new LegacyEvictionResult(EvictionOutcome.NotFound, status);
            case HttpStatusCode.InternalServerError when status.Message?.Contains(MultipleBudgetsMessage, StringComparison.Ordinal) == true:
                throw new MultiplePodDisruptionBudgetsException(request.Method.Method, request.Path, status);
            default:
                throw new KubernetesApiException(request.Method.Method, request.Path, status);
        }
    }
}
