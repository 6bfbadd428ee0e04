namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>When a Ready count was first reached after an instant (null: not by the deadline) and the closest it came.</summary>
/// <param name="At">The first instant the count held, or null.</param>
/// <param name="Closest">The highest (for a scale-up) or lowest (for a scale-down) count seen by the deadline.</param>
public readonly record struct ReplicaReach(DateTimeOffset? At, int Closest);
