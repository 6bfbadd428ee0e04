namespace ZeroDowntime.LocalCluster;

/// <summary>
/// The Kubernetes version the local cluster reports: <c>/version</c>, every node's kubelet and
/// kube-proxy version, and the OpenAPI documents. One value, so a client comparing them sees no skew.
/// </summary>
public static class KubernetesVersion
{
    /// <summary>The major version, <c>1</c>.</summary>
    public const string Major = "1";

    /// <summary>The minor version, <c>32</c>.</summary>
    public const string Minor = "32";

    /// <summary>The git version, <c>v1.32.0-zd</c> (a pre-release of 1.32.0, so clients treat it as 1.32).</summary>
    public const string GitVersion = "v1.32.0-zd";
}
