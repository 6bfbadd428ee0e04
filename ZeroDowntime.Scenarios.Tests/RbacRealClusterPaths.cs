namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// The manifest's verbs that only paths the embedded cluster's passing run cannot take use: the k6 Job
/// load (the embedded cluster runs the built-in generator: a local process cannot resolve the in-cluster
/// Service name k6 is given), evidence gathered after a failure, and a load balancer that is still
/// pending. The minimality test keeps this list exact: an entry whose verb the run does use, or that the
/// manifest no longer grants, fails it; any other unused verb fails it as not minimal.
/// </summary>
public static class RbacRealClusterPaths
{
    /// <summary>(verb, resource, group) and the code path that needs it.</summary>
    public static IReadOnlyDictionary<(string Verb, string Resource, string Group), string> Verbs { get; } =
        new Dictionary<(string, string, string), string>
        {
            [("create", "jobs", "batch")] = "K6JobTry creates the k6 Job (ZD_LOAD=k6, the default on a kubeconfig cluster)",
            [("delete", "jobs", "batch")] = "K6JobTry stops the k6 Job; LeftoverRepair and post-validation remove Jobs left behind",
            [("create", "configmaps", "")] = "K6JobTry creates the k6 script ConfigMap",
            [("delete", "configmaps", "")] = "K6JobTry removes its ConfigMap; LeftoverRepair and post-validation remove ConfigMaps left behind",
            [("get", "pods/log", "")] = "K6JobTry streams the k6 pod's log; ClusterDiagnostics reads pod logs after a failed scenario",
            [("patch", "pods/proxy", "")] = "K6JobTry stops k6 through its REST API (PATCH /v1/status)",
            [("get", "horizontalpodautoscalers", "autoscaling")] = "Autoscaling reads the HPA named by ZD_TIMING__AUTOSCALING__HPA_NAME (unset here: it is found by listing)",
            [("watch", "services", "")] = "LoadBalancerAddress watches the Service while its ingress is pending (the embedded cluster assigns it at once)",
        };
}
