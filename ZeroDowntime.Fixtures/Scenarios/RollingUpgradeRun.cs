using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Upgrades;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// The plumbing of the RollingUpgrade scenario: an <see cref="UpgradeRun"/> next to the scenario's
/// <see cref="DisruptionRun"/> (HTTP load, probe, pod timeline), configured from
/// <c>ZD_TARGET__UPGRADE__*</c> and <c>ZD_TIMING__ROLLING_UPGRADE__*</c>, its report attached to the
/// scenario's result from the start, its traffic stopped and the original image put back when the scenario ends.
/// </summary>
public static class RollingUpgradeRun
{
    /// <summary>Starts the connection traffic (returns once every connection is established).</summary>
    public static async Task<UpgradeRun> StartAsync(ClusterFixture cluster, DisruptionRun run, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(run);
        var settings = cluster.Settings;
        var timing = settings.Timing.RollingUpgrade;
        var target = settings.Target.Upgrade;
        var traffic = await ConnectionTrafficFactory.CreateAsync(settings, cluster.Client, cluster.Namespace, cluster.RunId, narrate, ct).ConfigureAwait(false);
        UpgradeRun upgrade;
        try
        {
            upgrade = await UpgradeRun.StartAsync(cluster.Client, cluster.Namespace, new UpgradeRunOptions
            {
                Deployment = target.Deployment,
                Container = target.Container,
                Image = target.Image,
                Service = target.ConnectionService,
                EmbeddedCluster = settings.Cluster == ClusterMode.Local,
                TrafficStartDeadline = settings.Timing.Load.StartTimeout,
                RolloutDeadline = timing.RolloutDeadline,
                Settle = timing.Settle,
                Result = run.Result,
                Cleanup = run.Cleanup,
                Narrate = narrate,
            }, traffic, timing.Connections, timing.ConnectionRate, ct).ConfigureAwait(false);
        }
        catch
        {
            await traffic.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Pushed first, so it runs last: the original image is put back while the traffic still runs if a step failed early.
        run.Cleanup.Push("stop the connection traffic", _ => upgrade.DisposeAsync().AsTask());
        run.Result.Connections = upgrade.Report;
        return upgrade;
    }

    /// <summary>The scenario's own baseline before the image changes (the seed's 6 s): a mandated wait of <paramref name="run"/>.</summary>
    public static Task WaitBaselineAsync(DisruptionRun run, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var baseline = run.Settings.Timing.RollingUpgrade.Baseline;
        narrate($"Collecting baseline traffic for {baseline.TotalSeconds:0.#} s");
        return run.HoldAsync(baseline, "the baseline (ZD_TIMING__ROLLING_UPGRADE__BASELINE)", ct);
    }

    /// <summary>Changes the image and marks the change on the scenario's timeline (the disruption everything after is measured from).</summary>
    public static async Task<ImageChange> ChangeImageAsync(UpgradeRun upgrade, DisruptionRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        ArgumentNullException.ThrowIfNull(run);
        var change = await upgrade.ChangeImageAsync(ct).ConfigureAwait(false);
        run.Target.Mark(new ClusterEvent(change.AcceptedAt, ClusterEventKind.DisruptionAccepted, change.Deployment,
            Detail: $"set image deployment/{change.Deployment} {change.Container}={change.NewImage}"));
        return change;
    }
}
