using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Datastore;

public sealed partial class DatastoreFailoverRun
{
    /// <summary>
    /// Asks a Sentinel for the primary, finds its pod and kills it as <c>KILL</c> says (the negative control first points
    /// every replica away from it for <c>CUT_REPLICATION_BEFORE_KILL</c>); returns when the API accepted the kill.
    /// </summary>
    public async Task<DateTimeOffset> KillPrimaryAsync(DisruptionRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var answer = await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false);
        var primary = answer.Primary ?? throw new InvalidOperationException($"Expected a Sentinel to name the primary before the kill, but {answer.Problem}.");
        var pod = await Target.PodAtAsync(primary, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Expected a {Redis.Name} pod ({Redis.Selector}) with the primary's address {primary}, but none has it.");
        _oldPod = pod;
        _killedPrimary = primary;
        Report.OldPrimary = DatastoreTarget.Describe(pod, primary);
        _narrate($"The Sentinel at {answer.Sentinel} names {Report.OldPrimary} the primary");
        if (Timing.CutReplicationBeforeKill is { } cut)
        {
            var replicas = (await Target.Datastore.ReplicationAsync(primary, ct).ConfigureAwait(false)).Replicas;
            foreach (var replica in replicas)
            {
                await Target.Datastore.CutOffAsync(replica.Address, ct).ConfigureAwait(false);
            }

            run.Mark($"cut replication: {replicas.Count} replica(s) follow nowhere");
            _narrate($"Negative control: {replicas.Count} replica(s) ({string.Join(", ", replicas.Select(r => r.Address))}) cut off the primary; writes go on for {ReportFormat.Duration(cut)} before the kill");
            // The negative control prescribes this window: writes the primary alone takes meanwhile are what a failover loses.
            await Task.Delay(cut, ct).ConfigureAwait(false);
        }

        var grace = Timing.Kill == DatastoreKill.Delete ? (int)Math.Ceiling(Timing.KillGracePeriod.TotalSeconds) : 0;
        _narrate($"Killing the primary {Report.OldPrimary}: {Report.Kill}");
        run.Target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.DisruptionStarted, Redis.Name, pod.Metadata.Name, pod.Metadata.Uid,
            Cluster.PodFacts.NodeOf(pod), $"kill primary {pod.Metadata.Name}"));
        await _host.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, _host.Namespace, gracePeriodSeconds: grace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        _killedAt = run.MarkDisruptionAccepted(pod, Redis.Name, $"killed primary {pod.Metadata.Name} ({Report.Kill})");
        Report.KilledAt = _killedAt;
        return _killedAt.Value;
    }

    private string? _killedPrimary;

    private DateTimeOffset RequireKilled() => _killedAt ?? throw new InvalidOperationException("The primary was not killed: the kill step did not run.");
}
