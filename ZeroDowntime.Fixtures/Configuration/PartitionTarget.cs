namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>What NetworkPartition cuts apart (<c>ZD_TIMING__NETWORK_PARTITION__TARGET</c>).</summary>
public enum PartitionTarget
{
    /// <summary><c>workers-from-head</c>: the workers lose Ray's control plane; proof: the head lists them DEAD.</summary>
    WorkersFromHead,

    /// <summary><c>head-from-redis</c>: the head loses Redis (GCS fault tolerance); proof: the head logs Redis unreachable.</summary>
    HeadFromRedis,
}
