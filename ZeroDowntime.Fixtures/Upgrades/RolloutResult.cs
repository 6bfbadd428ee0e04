namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>How a rollout went: when it was complete (null if not by the deadline), its steps, and the last status seen.</summary>
/// <param name="CompletedAt">When the Deployment's status first said the rollout is complete, as <c>kubectl rollout status</c> decides; null if never.</param>
/// <param name="Steps">Each status change seen, in order.</param>
/// <param name="LastStatus">The last status as words, for messages.</param>
public sealed record RolloutResult(DateTimeOffset? CompletedAt, IReadOnlyList<RolloutStep> Steps, string LastStatus);
