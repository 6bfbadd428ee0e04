namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>The outcome of one probe or lifecycle-hook run.</summary>
/// <param name="Success">True when the check passed.</param>
/// <param name="Message">On failure, the kubelet-style reason (e.g. <c>HTTP probe failed with statuscode: 503</c>).</param>
public readonly record struct ProbeResult(bool Success, string Message)
{
    /// <summary>A pass.</summary>
    public static ProbeResult Ok { get; } = new(true, "");
}
