using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>Settings (and the matching environment) for running the suite in kubeconfig mode against an <see cref="UpCluster"/>.</summary>
public static class KubeconfigSettings
{
    /// <summary>The <c>ZD_*</c> variables: kubeconfig mode, local timing, built-in load (the local cluster cannot run k6), optional permission.</summary>
    public static Dictionary<string, string?> Environment(UpCluster cluster, bool allowDisruption, string resultsDirectory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var environment = new Dictionary<string, string?>
        {
            ["ZD_CLUSTER"] = "kubeconfig",
            ["ZD_KUBECONFIG"] = cluster.Kubeconfig,
            ["ZD_PROFILE"] = "local",
            ["ZD_LOAD"] = "builtin",
            ["ZD_RESULTS_DIR"] = resultsDirectory,
        };
        if (allowDisruption)
        {
            environment["ZD_ALLOW_DISRUPTION"] = "zd-local";
        }

        return environment;
    }

    /// <summary>The same as parsed settings.</summary>
    public static ZeroDowntimeSettings Load(UpCluster cluster, bool allowDisruption, string resultsDirectory) =>
        ZeroDowntimeSettings.Load(Environment(cluster, allowDisruption, resultsDirectory));
}
