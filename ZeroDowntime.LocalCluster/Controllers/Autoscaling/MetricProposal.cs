using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>One metric's replica proposal, its status entry, or why it could not be computed.</summary>
/// <param name="Replicas">The proposed replica count (null on failure).</param>
/// <param name="Status">The <c>currentMetrics</c> entry.</param>
/// <param name="Description">For events, e.g. <c>cpu resource utilization (percentage of request)</c>.</param>
/// <param name="FailureReason">FailedGetResourceMetric / FailedGetPodsMetric / InvalidMetricSourceType, or null.</param>
/// <param name="FailureMessage">The failure message, or null.</param>
public sealed record MetricProposal(int? Replicas, JsonObject? Status, string Description, string? FailureReason = null, string? FailureMessage = null);
