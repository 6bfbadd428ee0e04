using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>The typed result of <see cref="KubernetesClient.EvictAsync"/>.</summary>
/// <param name="Outcome">Evicted, RefusedByBudget or NotFound.</param>
/// <param name="Status">The server's Status as returned.</param>
public sealed record LegacyEvictionResult(EvictionOutcome Outcome, Status Status)
{
    /// <summary>The server's message, e.g. "Cannot evict pod as it would violate the pod's disruption budget.".</summary>
    public string? Message => Status.Message;

    /// <summary>The server's causes, e.g. reason DisruptionBudget with "The disruption budget w needs 2 healthy pods and has 2 currently".</summary>
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];

    /// <inheritdoc />
    public override string ToString()
    {
        var causes = string.Join("; ", Causes.Select(c => c.Message));
        return causes.Length == 0 ? $"{Outcome}: {Message}" : $"{Outcome}: {Message} ({causes})";
    }
}
