namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>The operation an admission hook is asked about.</summary>
public enum AdmissionOperation
{
    /// <summary>A new object.</summary>
    Create,

    /// <summary>A replace, patch or status/scale write of an existing object.</summary>
    Update,
}
