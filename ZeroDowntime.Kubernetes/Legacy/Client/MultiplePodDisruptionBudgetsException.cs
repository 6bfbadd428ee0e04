using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>
/// An eviction failed with HTTP 500 because more than one PodDisruptionBudget selects the pod,
/// which the eviction subresource does not support. A configuration error: retrying cannot help.
/// </summary>
public sealed class MultiplePodDisruptionBudgetsException : KubernetesApiException
{
    /// <summary>Creates the exception.</summary>
    public MultiplePodDisruptionBudgetsException(string method, string path, Status status)
        : base(method, path, status)
    {
    }
}
