using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// One metric's outcome in a sync: the proposed replica count, its <c>currentMetrics</c> entry and its
/// name for events (<c>cpu resource utilization (percentage of request)</c>); or, when it could not be
/// computed, the error chain and the <c>ScalingActive=False</c> condition the controller would set.
/// </summary>
/// <param name="Replicas">The proposal; 0 on failure.</param>
/// <param name="Status">The <c>status.currentMetrics</c> entry; null on failure.</param>
/// <param name="Name">The metric's name in events and conditions.</param>
/// <param name="Error">On failure, e.g. <c>failed to get cpu resource metric value: failed to get cpu utilization: ...</c>.</param>
/// <param name="FailedCondition">On failure, the condition (reason <c>FailedGetResourceMetric</c>, ...).</param>
/// <param name="Detail">On failure, the innermost error: the message of the Warning event named after the condition's reason.</param>
public sealed record MetricProposal(int Replicas, JsonObject? Status, string Name, string? Error = null, HpaCondition? FailedCondition = null, string? Detail = null)
{
    /// <summary>True when a proposal was computed.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A failure with the controller's reason; <paramref name="detail"/> is the innermost error.</summary>
    public static MetricProposal Failed(string reason, string wrappedError, string detail) =>
        new(0, null, "", wrappedError, HpaCondition.False(HpaCondition.ScalingActive, reason, $"the HPA was unable to compute the replica count: {detail}"), detail);
}
