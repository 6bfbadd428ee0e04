using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Datastore;

public sealed partial class DatastoreFailoverRun
{
    private string? _newPrimary;

    /// <summary>
    /// Asks the Sentinels every <c>POLL_INTERVAL</c> until they name another primary that answers as one, or
    /// <c>NEW_PRIMARY_WITHIN</c> after the kill; returns the verdict (never throws for a missed failover).
    /// </summary>
    public async Task<(CheckResult Check, string Failure)> WaitForNewPrimaryAsync(CancellationToken ct = default)
    {
        var killedAt = RequireKilled();
        var old = _oldPod?.Status?.PodIP;
        string? last = null;
        var found = await PollAsync(killedAt + Timing.NewPrimaryWithin, async () =>
        {
            var answer = await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false);
            last = answer.Primary ?? answer.Problem;
            return answer.Primary is { } primary && DatastoreTarget.Host(primary) != old
                && (await Target.Datastore.ReplicationAsync(primary, ct).ConfigureAwait(false)).IsPrimary ? primary : null;
        }, ct).ConfigureAwait(false);
        if (found is { } newPrimary)
        {
            _newPrimary = newPrimary.Value;
            Report.NewPrimaryAt = newPrimary.At;
            Report.NewPrimary = DatastoreTarget.Describe(await Target.PodAtAsync(newPrimary.Value, ct).ConfigureAwait(false), newPrimary.Value);
            _narrate($"New primary {Report.NewPrimary}, {ReportFormat.Duration(Report.FailoverTime)} after the kill");
        }

        return DatastoreChecks.NewPrimary(Report, Timing.NewPrimaryWithin, last);
    }

    /// <summary>
    /// Asks the new primary every <c>POLL_INTERVAL</c> until it has every replica online again, the killed pod's
    /// replacement (same name, new pod) among them, or <c>REPLICAS_REATTACHED_WITHIN</c> after the kill; returns the verdict.
    /// </summary>
    public async Task<(CheckResult Check, string Failure)> WaitForReplicasAsync(CancellationToken ct = default)
    {
        var killedAt = RequireKilled();
        var expected = Redis.ExpectedCount - 1;
        var name = _oldPod?.Metadata.Name ?? "?";
        var last = "nothing yet";
        var found = await PollAsync(killedAt + Timing.ReplicasReattachedWithin, async () =>
        {
            var primary = _newPrimary ?? (await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false)).Primary;
            var replacement = (await Target.RedisPodsAsync(ct).ConfigureAwait(false))
                .FirstOrDefault(p => p.Metadata.Name == name && p.Metadata.Uid != _oldPod?.Metadata.Uid && p.Status?.PodIP is not null);
            if (primary is null)
            {
                last = "no primary named";
                return null;
            }

            var info = await Target.Datastore.ReplicationAsync(primary, ct).ConfigureAwait(false);
            last = $"{DatastoreTarget.Describe(null, primary)} is a {info}; replacement {(replacement is null ? "not created yet" : $"{name} at {replacement.Status!.PodIP}")}";
            return info.OnlineReplicas.Count >= expected && replacement is not null
                && info.OnlineReplicas.Any(r => DatastoreTarget.Host(r.Address) == replacement.Status!.PodIP) ? replacement.Status!.PodIP : null;
        }, ct).ConfigureAwait(false);
        var replacementText = found is { } r ? $"{name} ({r.Value})" : name;
        if (found is not null)
        {
            Report.ReplicasReattachedAt = found.Value.At;
            _narrate($"Replicas reattached: {expected} online on {Report.NewPrimary}, the replacement {replacementText} among them, {ReportFormat.Duration(Report.ReattachTime)} after the kill");
        }

        return DatastoreChecks.ReplicasReattached(Report, expected, replacementText, Timing.ReplicasReattachedWithin, last);
    }

    /// <summary>Redis and Sentinel have no watch: ask every <c>POLL_INTERVAL</c> until <paramref name="probe"/> yields a value or the deadline passes.</summary>
    private async Task<(string Value, DateTimeOffset At)?> PollAsync(DateTimeOffset deadline, Func<Task<string?>> probe, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value)
                {
                    return (value, MeasurementClock.UtcNow);
                }
            }
            catch (Exception e) when (SentinelDatastore.IsRedisFailure(e))
            {
                // A server that is down mid-failover is what is being waited out.
            }

            if (MeasurementClock.UtcNow + Timing.PollInterval > deadline)
            {
                return null;
            }

            await Task.Delay(Timing.PollInterval, ct).ConfigureAwait(false);
        }
    }
}
