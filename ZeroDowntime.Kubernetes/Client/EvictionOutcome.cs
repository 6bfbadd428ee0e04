namespace ZeroDowntime.Kubernetes;

/// <summary>How an eviction request ended.</summary>
public enum EvictionOutcome
{
    /// <summary>Accepted (201/200): the pod is being deleted gracefully.</summary>
    Evicted,

    /// <summary>Refused with 429 because a PodDisruptionBudget allows no disruption now. Try again later.</summary>
    RefusedByBudget,

    /// <summary>The pod does not exist (404).</summary>
    NotFound,
}
