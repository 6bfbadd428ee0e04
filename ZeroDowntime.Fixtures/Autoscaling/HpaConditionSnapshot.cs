namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>One of the HPA's status conditions as seen in a watch event.</summary>
/// <param name="Type"><c>AbleToScale</c>, <c>ScalingActive</c> or <c>ScalingLimited</c>.</param>
/// <param name="Status"><c>True</c>, <c>False</c> or <c>Unknown</c>.</param>
/// <param name="Reason">The controller's reason, e.g. <c>TooManyReplicas</c>.</param>
/// <param name="Message">The controller's message.</param>
public sealed record HpaConditionSnapshot(string Type, string Status, string? Reason, string? Message)
{
    /// <summary><c>ScalingLimited True TooManyReplicas: the desired replica count is more than the maximum replica count</c>.</summary>
    public override string ToString() => $"{Type} {Status} {Reason}: {Message}";
}
