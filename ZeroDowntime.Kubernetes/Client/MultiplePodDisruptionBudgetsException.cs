using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// The eviction was refused with 500 because more than one PodDisruptionBudget selects the pod, which the
/// eviction subresource does not support: a configuration error of the target, not a transient refusal.
/// </summary>
public sealed class MultiplePodDisruptionBudgetsException : Exception
{
    /// <summary>Creates the exception for pod <paramref name="pod"/>.</summary>
    public MultiplePodDisruptionBudgetsException(string pod, V1Status status, Exception? inner = null)
        : base($"Evicting pod {pod} failed: {ApiErrors.Describe(status)}", inner)
    {
        Pod = pod;
        Status = status;
    }

    /// <summary>The pod (namespace/name).</summary>
    public string Pod { get; }

    /// <summary>The server's Status.</summary>
    public V1Status Status { get; }
}
