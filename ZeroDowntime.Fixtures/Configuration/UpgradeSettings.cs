namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// What RollingUpgrade upgrades and where its connections go (<c>ZD_TARGET__UPGRADE__*</c>). The
/// defaults upgrade the Ray workers (a model or image upgrade is the everyday case) and connect
/// through the sample target's connection load balancer.
/// </summary>
public sealed class UpgradeSettings
{
    /// <summary>The Deployment whose image is upgraded.</summary>
    [Setting("DEPLOYMENT", "Deployment whose image RollingUpgrade changes (as kubectl set image does).",
        Default = "ray-worker", Format = SettingFormat.DnsSubdomain)]
    public string Deployment { get; init; } = "";

    /// <summary>The container whose image changes; null: the pod template's first container.</summary>
    [Setting("CONTAINER", "Container whose image changes; unset: the pod template's first container.", Format = SettingFormat.DnsLabel)]
    public string? Container { get; init; }

    /// <summary>The image to upgrade to; the original is put back when the scenario ends.</summary>
    [Setting("IMAGE", "Image to upgrade to (it must exist in your registry); the original image is put back when the scenario ends.",
        Default = "zerodowntime/mock-vllm:upgraded", Format = SettingFormat.PinnedImage)]
    public string Image { get; init; } = "";

    /// <summary>The Service the long-lived connections go through (its load-balancer ingress, or its cluster IP from the in-cluster client).</summary>
    [Setting("CONNECTION_SERVICE", "Service the long-lived connections go through (a LoadBalancer: its ingress from the test process, its cluster IP from the in-cluster client).",
        Default = "ray-serve-connections", Format = SettingFormat.DnsLabel)]
    public string ConnectionService { get; init; } = "";

    /// <summary>The Service port of the connection listener.</summary>
    [Setting("CONNECTION_PORT", "Service port of the connection listener (MockVllm --connection-port).", Default = "5003", Minimum = 1, Maximum = 65535)]
    public int ConnectionPort { get; init; }

    /// <summary>The image of the in-cluster connection client Job (MockVllm's <c>connection-client</c> command).</summary>
    [Setting("CLIENT_IMAGE", "Image of the in-cluster connection client Job (runs MockVllm's connection-client command).",
        Default = "zerodowntime/mock-vllm:latest")]
    public string ClientImage { get; init; } = "";
}
