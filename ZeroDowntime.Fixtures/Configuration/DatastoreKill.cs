namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>How DatastoreFailover kills the primary (<c>ZD_TIMING__DATASTORE_FAILOVER__KILL</c>).</summary>
public enum DatastoreKill
{
    /// <summary><c>delete</c>: delete the pod with a short grace period (<c>KILL_GRACE_PERIOD</c>, 1 s), as CloudNativePG's tests do.</summary>
    Delete,

    /// <summary><c>force-delete</c>: delete the pod with grace period 0 (the kubelet still sends SIGTERM, then SIGKILL).</summary>
    ForceDelete,

    /// <summary><c>sigkill</c>: SIGKILL the primary's process without deleting the pod; needs a cluster hook, none exists yet.</summary>
    Sigkill,
}
