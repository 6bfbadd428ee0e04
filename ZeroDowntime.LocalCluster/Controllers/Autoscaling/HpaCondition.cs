namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>A condition the controller wants on the HPA: type, status (<c>True</c>/<c>False</c>), reason and message.</summary>
/// <param name="Type"><c>AbleToScale</c>, <c>ScalingActive</c> or <c>ScalingLimited</c>.</param>
/// <param name="Status"><c>True</c> or <c>False</c>.</param>
/// <param name="Reason">The controller's reason, e.g. <c>TooManyReplicas</c>.</param>
/// <param name="Message">The controller's message, e.g. <c>the desired replica count is more than the maximum replica count</c>.</param>
public sealed record HpaCondition(string Type, string Status, string Reason, string Message)
{
    /// <summary>The condition types the HPA controller sets.</summary>
    public const string AbleToScale = "AbleToScale", ScalingActive = "ScalingActive", ScalingLimited = "ScalingLimited";

    /// <summary>A True condition.</summary>
    public static HpaCondition True(string type, string reason, string message) => new(type, "True", reason, message);

    /// <summary>A False condition.</summary>
    public static HpaCondition False(string type, string reason, string message) => new(type, "False", reason, message);
}
