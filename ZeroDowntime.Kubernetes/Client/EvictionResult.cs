using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>The typed result of <see cref="KubeEviction.EvictPodAsync"/>.</summary>
/// <param name="Outcome">Evicted, RefusedByBudget or NotFound.</param>
/// <param name="Status">The server's Status (for an accepted eviction: 201 Success).</param>
public sealed record EvictionResult(EvictionOutcome Outcome, V1Status Status)
{
    /// <summary>The server's message, e.g. "Cannot evict pod as it would violate the pod's disruption budget.".</summary>
    public string? Message => Status.Message;

    /// <summary>The server's causes, e.g. reason DisruptionBudget with "The disruption budget w needs 2 healthy pods and has 2 currently".</summary>
    public IReadOnlyList<V1StatusCause> Causes => Status.Details?.Causes?.ToList() ?? [];

    /// <inheritdoc />
    public override string ToString()
    {
        var causes = string.Join("; ", Causes.Select(c => c.Message));
        var text = string.IsNullOrEmpty(Message) ? Outcome.ToString() : $"{Outcome}: {Message}";
        return causes.Length == 0 ? text : $"{text} ({causes})";
    }
}
