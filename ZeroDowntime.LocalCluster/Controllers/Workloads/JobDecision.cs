namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>What the Job controller does next.</summary>
/// <param name="CreatePods">Pods to create now.</param>
/// <param name="DeleteActivePods">Kill every active pod (the Job failed).</param>
/// <param name="Finished">Complete or Failed when the Job ends now, else null.</param>
/// <param name="Reason">The finishing condition's reason.</param>
/// <param name="Message">The finishing condition's message.</param>
/// <param name="RecheckAfter">When to look again (the active deadline), or null.</param>
public sealed record JobDecision(int CreatePods, bool DeleteActivePods, string? Finished, string? Reason, string? Message, TimeSpan? RecheckAfter);
