using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.Kubernetes.Pods;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// How <c>up</c> waits for <c>ready</c>: the readiness rule, while <see cref="PodStartWatch"/> looks for a pod that
/// cannot start through the cluster's own API (as the suite's fixture does on any cluster). Pods on this cluster
/// fail the same way every time (an unmapped image, a program that is not installed), so the grace is short.
/// </summary>
internal static class UpReadiness
{
    /// <summary>How long a pod may wait with a reason the kubelet retries before <c>up</c> gives up.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>A crash-looping container counts from its first back-off (it exited twice).</summary>
    public const int CrashLoopRestarts = 1;

    /// <summary>Null once every pod is Ready; the failure when a pod cannot start first.</summary>
    public static async Task<PodStartFailure?> WaitAsync(LocalClusterHost host, string kubeconfig, CancellationToken ct)
    {
        using var client = new KubeConfigLoader().Load(kubeconfig, "zd-local").CreateClient();
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var failure = PodStartWatch.FirstFailureAsync(client, null, new PodStartWatchOptions { Grace = Grace, CrashLoopRestarts = CrashLoopRestarts }, stopWatching.Token);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ready = host.WaitUntilReadyAsync(Timeout.InfiniteTimeSpan, stopWaiting.Token);
        try
        {
            if (await Task.WhenAny(ready, failure).ConfigureAwait(false) == failure && failure.IsCompletedSuccessfully)
            {
                await stopWaiting.CancelAsync().ConfigureAwait(false);
                await Ignore(ready).ConfigureAwait(false);
                return await failure.ConfigureAwait(false);
            }

            // Ready first (or the watch broke, which only costs the early answer): wait for readiness alone.
            await ready.ConfigureAwait(false);
            return null;
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await Ignore(failure).ConfigureAwait(false);
        }
    }

    private static async Task Ignore(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException or InvalidOperationException or k8s.Autorest.HttpOperationException)
        {
            // Only the outcome of the other wait matters now.
        }
    }
}
