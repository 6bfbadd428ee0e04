using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// DatastoreFailover's plumbing, so the scenario reads like its steps: check that the datastore can fail over (or skip,
/// saying why), write the ledger during the run, kill the primary, wait for the Sentinels' new primary and for the
/// replicas, read the ledger back and judge it. Fills <see cref="ScenarioResult.Datastore"/> as it goes.
/// </summary>
/// <example><code>
/// var failover = await DatastoreFailoverRun.PrepareAsync(cluster, "DatastoreFailover", narrator.By);   // may skip
/// var run = await DisruptionRun.StartAsync(cluster, "DatastoreFailover", narrator.By);
/// failover.StartWrites(run);
/// await run.WaitBaselineAsync();
/// await failover.KillPrimaryAsync(run);
/// ...
/// </code></example>
public sealed partial class DatastoreFailoverRun : IAsyncDisposable
{
    private readonly IScenarioHost _host;
    private readonly Action<string> _narrate;
    private V1Pod? _oldPod;
    private DateTimeOffset? _killedAt;
    private LedgerFile? _file;

    private DatastoreFailoverRun(IScenarioHost host, Action<string> narrate, DatastoreTarget target)
    {
        _host = host;
        _narrate = narrate;
        Target = target;
        Report.Acknowledge = SettingValueParser.ToText(Timing.Acknowledge);
        Report.Kill = Timing.Kill == DatastoreKill.Delete ? $"delete, grace {ReportFormat.Duration(Timing.KillGracePeriod)}" : SettingValueParser.ToText(Timing.Kill);
    }

    /// <summary>The datastore, reached as its clients reach it.</summary>
    public DatastoreTarget Target { get; }

    /// <summary>What the reports show; the same object as the scenario result's <see cref="ScenarioResult.Datastore"/>.</summary>
    public DatastoreReport Report { get; } = new();

    /// <summary>The ledger writer; null before <see cref="StartWrites"/>.</summary>
    public LedgerWriter? Writer { get; private set; }

    /// <summary>The Redis list the ledger goes to: one per run.</summary>
    public string LedgerKey => $"zerodowntime:ledger:{_host.RunId}";

    private DatastoreFailoverTiming Timing => _host.Settings.Timing.DatastoreFailover;

    private RoleSettings Redis => _host.Settings.Target.Redis;

    /// <summary>
    /// Checks that the datastore can fail over: a Sentinel names the primary, which has every replica online, and the
    /// Sentinels know them all (they promote only a replica they know; a new replica is learnt within 10 s). Waits for
    /// that up to <c>REPLICAS_REATTACHED_WITHIN</c>. Skips the scenario, with the reason, when there is no Sentinel.
    /// </summary>
    /// <exception cref="Xunit.ScenarioSkippedException">No Sentinel (none deployed, or none can run here), or KILL=sigkill.</exception>
    /// <exception cref="InvalidOperationException">Sentinels run, but the datastore is not healthy within the wait.</exception>
    public static async Task<DatastoreFailoverRun> PrepareAsync(IScenarioHost host, string scenario, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = host.Settings;
        if (settings.Timing.DatastoreFailover.Kill == DatastoreKill.Sigkill)
        {
            await ScenarioSkip.ThrowAsync(host, scenario, "ZD_TIMING__DATASTORE_FAILOVER__KILL=sigkill is not available on this cluster: " +
                "killing a container's process needs a cluster hook that it does not offer; use delete or force-delete").ConfigureAwait(false);
        }

        var target = await DatastoreTarget.OpenAsync(host, ct).ConfigureAwait(false);
        if (target is null)
        {
            await ScenarioSkip.ThrowAsync(host, scenario,
                $"the Service '{settings.Target.Datastore.SentinelService}' does not exist in namespace '{host.Namespace}': the datastore has no Sentinel to fail it over").ConfigureAwait(false);
        }

        var run = new DatastoreFailoverRun(host, narrate, target!);
        try
        {
            await run.WaitUntilHealthyAsync(scenario, ct).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Attaches the report to <paramref name="run"/>'s result and starts the ledger writer; the raw ledger goes next to the run's other raw timelines.</summary>
    public void StartWrites(DisruptionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Result.Datastore = Report;
        Directory.CreateDirectory(_host.ResultsDirectory);
        Report.LedgerFile = LedgerFile.FileName(run.Result.Key);
        _file = new LedgerFile(Path.Combine(_host.ResultsDirectory, Report.LedgerFile));
        Writer = new LedgerWriter(Target.Datastore,
            new LedgerWriterOptions(LedgerKey, Timing.WriteRatePerSecond, Timing.WriteTimeout, Timing.Acknowledge, Timing.ReplicaAckTimeout), _file);
        run.Cleanup.Push($"delete the ledger {LedgerKey}", DeleteLedgerAsync);
        _narrate($"Writing the ledger {LedgerKey}: {Timing.WriteRatePerSecond:0.##} writes/s through the Sentinels {string.Join(", ", Target.Datastore.Sentinels)}, " +
                 $"acknowledged {(Timing.Acknowledge == WriteAcknowledgement.Replica ? $"once WAIT 1 confirms a replica has it ({ReportFormat.Duration(Timing.ReplicaAckTimeout)})" : "by the primary alone")}");
        Writer.Start();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Writer is not null)
        {
            await Writer.DisposeAsync().ConfigureAwait(false);
        }

        _file?.Dispose();
        await Target.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilHealthyAsync(string scenario, CancellationToken ct)
    {
        var answer = await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false);
        if (answer.Primary is null)
        {
            if (!await AnySentinelReadyAsync(_host, ct).ConfigureAwait(false))
            {
                await ScenarioSkip.ThrowAsync(_host, scenario, await DatastoreTarget.WhyNoSentinelAsync(_host, ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }

        await WaitForHealthAsync(answer.Problem ?? "", ct).ConfigureAwait(false);
    }

    private async Task WaitForHealthAsync(string last, CancellationToken ct)
    {
        var expected = Redis.ExpectedCount - 1;
        var deadline = MeasurementClock.UtcNow + Timing.ReplicasReattachedWithin;
        while (true)
        {
            (var healthy, last) = await HealthAsync(expected, ct).ConfigureAwait(false);
            if (healthy)
            {
                _narrate($"Datastore: {last}");
                return;
            }

            if (MeasurementClock.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"Expected the Sentinels to name a primary with {expected} online replicas they all know within {ReportFormat.Duration(Timing.ReplicasReattachedWithin)}, but {last}.");
            }

            // Sentinel and Redis have no watch: ask again after the profile's interval.
            await Task.Delay(Timing.PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<(bool Healthy, string Seen)> HealthAsync(int expected, CancellationToken ct)
    {
        try
        {
            var answer = await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false);
            if (answer.Primary is not { } primary)
            {
                return (false, $"no Sentinel named the primary: {answer.Problem}");
            }

            var info = await Target.Datastore.ReplicationAsync(primary, ct).ConfigureAwait(false);
            var known = (await Target.Datastore.SentinelReplicasAsync(ct).ConfigureAwait(false)).Where(r => r.Flags == "slave").Select(r => r.Address).ToHashSet();
            var online = info.OnlineReplicas.Select(r => r.Address).ToList();
            var unknown = online.Where(a => !known.Contains(a)).ToList();
            var seen = $"the Sentinels name {DatastoreTarget.Describe(await Target.PodAtAsync(primary, ct).ConfigureAwait(false), primary)} the primary, a {info}" +
                       (unknown.Count == 0 ? "; the Sentinels know every online replica" : $"; the Sentinels do not know {string.Join(", ", unknown)} yet");
            return (info.IsPrimary && online.Count >= expected && unknown.Count == 0, seen);
        }
        catch (Exception e) when (SentinelDatastore.IsRedisFailure(e))
        {
            return (false, $"the datastore did not answer: {SentinelDatastore.Describe(e)}");
        }
    }

    private async Task DeleteLedgerAsync(CancellationToken ct)
    {
        if ((await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false)).Primary is { } primary)
        {
            await Target.Datastore.DeleteAsync(primary, LedgerKey, ct).ConfigureAwait(false);
        }
    }
}
