namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>What normalization made of a metric proposal: the replica count to apply and the two conditions it sets.</summary>
/// <param name="Replicas">The count after stabilization, rate limits and min/max.</param>
/// <param name="AbleToScale"><c>ReadyForNewScale</c>, <c>ScaleUpStabilized</c> or <c>ScaleDownStabilized</c>.</param>
/// <param name="ScalingLimited"><c>DesiredWithinRange</c> (False) or <c>TooManyReplicas</c>/<c>TooFewReplicas</c>/<c>ScaleUpLimit</c>/<c>ScaleDownLimit</c> (True).</param>
public sealed record NormalizedReplicas(int Replicas, HpaCondition AbleToScale, HpaCondition ScalingLimited);
