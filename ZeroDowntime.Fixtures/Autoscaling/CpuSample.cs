namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// One read of the resource metrics API for the workers: how many pods reported, their summed CPU
/// usage and their summed CPU requests (utilization = usage / requests, as the HPA computes it).
/// </summary>
/// <param name="Time">When the answer arrived (<c>MeasurementClock</c>).</param>
/// <param name="Pods">Worker pods with a sample.</param>
/// <param name="UsageMillicores">Their CPU usage, summed.</param>
/// <param name="RequestMillicores">Their CPU requests, summed (0 when they request none).</param>
/// <param name="Window">The window the metrics API reported.</param>
public sealed record CpuSample(DateTimeOffset Time, int Pods, double UsageMillicores, double RequestMillicores, TimeSpan Window)
{
    /// <summary>Usage as a percentage of the requests; null without requests.</summary>
    public double? UtilizationPercent => RequestMillicores > 0 ? 100 * UsageMillicores / RequestMillicores : null;
}
