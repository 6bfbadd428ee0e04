namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>NetworkPartition: a NetworkPolicy cuts a component off for a while, then is removed.</summary>
public sealed class NetworkPartitionTiming
{
    /// <summary>What is cut apart.</summary>
    [Setting("TARGET", "What is cut apart: workers-from-head (Ray's control plane) or head-from-redis.", Default = "workers-from-head")]
    public PartitionTarget Target { get; init; }

    /// <summary>How long the partition is held; its effect must be proven within it.</summary>
    [Setting("DURATION", "How long the partition is held; its effect must be proven within this time.",
        LocalDefault = "10s", ProductionDefault = "90s")]
    public TimeSpan Duration { get; init; }

    /// <summary>After removal: connections recovered and the isolated side reconnected within this (the seed's 30 s).</summary>
    [Setting("RECOVERY_WITHIN", "After removal, new and open connections recovered and the isolated side reconnected within this (the seed's 30 s).",
        Default = "30s")]
    public TimeSpan RecoveryWithin { get; init; }

    /// <summary>The load's success rate during the partition must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate of the load while the partition is in place must be above this percentage.",
        Default = "95", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>head-from-redis: a head log line matching this says Redis is unreachable (the proof).</summary>
    [Setting("REDIS_LOST_LOG", "head-from-redis: regular expression for the head's log line that says Redis is unreachable (the proof of effect).",
        Default = @"redis \S+ unreachable", Format = SettingFormat.RegularExpression)]
    public string RedisLostLog { get; init; } = "";

    /// <summary>head-from-redis: a head log line matching this says Redis is reachable again (the reconnection).</summary>
    [Setting("REDIS_BACK_LOG", "head-from-redis: regular expression for the head's log line that says Redis is reachable again (the reconnection).",
        Default = @"redis \S+ reachable", Format = SettingFormat.RegularExpression)]
    public string RedisBackLog { get; init; } = "";
}
