namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// The replica calculator's answer for one metric: the proposed count, the current value (percentage
/// of request for utilization targets, else the average in milli-units), the metrics' timestamp; or
/// the reason it could not compute one, in the controller's words.
/// </summary>
/// <param name="Replicas">The proposed replica count (0 with an <see cref="Error"/>).</param>
/// <param name="Utilization">Average utilization in percent of the request (utilization targets only).</param>
/// <param name="Usage">Average usage per pod in milli-units.</param>
/// <param name="Timestamp">When the metrics were taken.</param>
/// <param name="Error">Why no proposal could be made, e.g. <c>did not receive metrics for targeted pods (pods might be unready)</c>.</param>
public sealed record ReplicaCalculation(int Replicas, int? Utilization, long Usage, DateTimeOffset Timestamp, string? Error = null)
{
    /// <summary>A failed calculation.</summary>
    public static ReplicaCalculation Failed(string error) => new(0, null, 0, default, error);
}
