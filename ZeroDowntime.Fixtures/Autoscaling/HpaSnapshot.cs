namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>The HPA as one watch event showed it: its replica counts, its current CPU utilization and its conditions.</summary>
/// <param name="Time">When the event arrived (<c>MeasurementClock</c>).</param>
/// <param name="CurrentReplicas"><c>status.currentReplicas</c>.</param>
/// <param name="DesiredReplicas"><c>status.desiredReplicas</c>: the controller's decision at its last sync.</param>
/// <param name="CurrentUtilization">The cpu metric's <c>averageUtilization</c> in percent, when reported.</param>
/// <param name="LastScaleTime"><c>status.lastScaleTime</c>.</param>
/// <param name="Conditions">The status conditions.</param>
public sealed record HpaSnapshot(DateTimeOffset Time, int CurrentReplicas, int DesiredReplicas, int? CurrentUtilization, DateTimeOffset? LastScaleTime,
    IReadOnlyList<HpaConditionSnapshot> Conditions)
{
    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public HpaConditionSnapshot? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);
}
