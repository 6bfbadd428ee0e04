namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Which cluster the suite runs against (<c>ZD_CLUSTER</c>).</summary>
public enum ClusterMode
{
    /// <summary><c>local</c>: the embedded, in-process cluster running the sample target.</summary>
    Local,

    /// <summary><c>kubeconfig</c>: a real cluster reached through a kubeconfig context.</summary>
    Kubeconfig,
}
