namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>A rescale the rate policies count: how many pods were added (or removed) and when.</summary>
/// <param name="Change">Pods added (scale-up history) or removed (scale-down history), always positive.</param>
/// <param name="At">When the controller rescaled.</param>
public readonly record struct ScaleEvent(int Change, DateTimeOffset At);
