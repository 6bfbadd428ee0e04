namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>Which pipe a container log line came from.</summary>
public enum LogStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
