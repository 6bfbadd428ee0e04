namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// The target's datastore with failover (<c>ZD_TARGET__DATASTORE__*</c>): Redis Sentinels that name the primary of
/// the Redis role. The defaults describe the sample target (manifests/sample-target/0*-redis*.yaml).
/// </summary>
public sealed class DatastoreSettings
{
    /// <summary>The Service clients reach the Sentinels through.</summary>
    [Setting("SENTINEL_SERVICE", "Service clients reach the Redis Sentinels through (its first port is the Sentinel port).",
        Default = "redis-sentinel", Format = SettingFormat.DnsLabel)]
    public string SentinelService { get; init; } = "";

    /// <summary>The label selector of the Sentinel pods (to say why none answers).</summary>
    [Setting("SENTINEL_SELECTOR", "Label selector of the Sentinel pods.", Default = "app=redis-sentinel", Format = SettingFormat.LabelSelector)]
    public string SentinelSelector { get; init; } = "";

    /// <summary>The primary's name at the Sentinels (<c>sentinel monitor NAME ...</c>).</summary>
    [Setting("MASTER_NAME", "The primary's name at the Sentinels (sentinel monitor NAME ...).", Default = "mymaster")]
    public string MasterName { get; init; } = "";
}
