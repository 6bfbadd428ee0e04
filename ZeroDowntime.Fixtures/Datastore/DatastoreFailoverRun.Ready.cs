using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Datastore;

public sealed partial class DatastoreFailoverRun
{
    /// <summary>
    /// For a scenario that disrupts the Redis pods another way (RandomPodKill on the redis role): when Ready Sentinels
    /// guard the datastore, waits as <see cref="PrepareAsync"/> does until they can fail it over (they name a primary with
    /// every replica online and know every replica). Right after a start they may not know the replicas yet, and a
    /// primary killed then has no replica they would promote: that measures the clock, not the target.
    /// </summary>
    /// <returns>False, having waited for nothing, when there is no Sentinel Service or no Sentinel is Ready.</returns>
    /// <exception cref="InvalidOperationException">Sentinels run, but the datastore is not healthy within <c>REPLICAS_REATTACHED_WITHIN</c>.</exception>
    public static async Task<bool> WaitUntilFailoverReadyAsync(IScenarioHost host, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var target = await DatastoreTarget.OpenAsync(host, ct).ConfigureAwait(false);
        if (target is null)
        {
            return false;
        }

        await using var run = new DatastoreFailoverRun(host, narrate, target);
        if (!await AnySentinelReadyAsync(host, ct).ConfigureAwait(false))
        {
            return false;
        }

        await run.WaitForHealthAsync("", ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether any pod the Sentinel selector matches is Ready (with Garnet they are refused and never are).</summary>
    private static async Task<bool> AnySentinelReadyAsync(IScenarioHost host, CancellationToken ct)
    {
        var sentinels = (await host.Client.ListAllAsync(KubeResources.Pods, host.Namespace, host.Settings.Target.Datastore.SentinelSelector, ct: ct)
            .DescribeFailure().ConfigureAwait(false)).Items;
        return sentinels.Any(PodFacts.IsReady);
    }
}
