using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Datastore;

public sealed partial class DatastoreFailoverRun
{
    /// <summary>
    /// Stops the writer (the write in flight completes), reads the ledger back from the primary the Sentinels name now,
    /// appends the read to the raw ledger and fills the report: Jepsen's counts, RTO, write timeline.
    /// </summary>
    public async Task<LedgerCheck> ReadBackAsync(CancellationToken ct = default)
    {
        var writer = Writer ?? throw new InvalidOperationException("The ledger writer was not started: the start step did not run.");
        var attempts = await writer.StopAsync().ConfigureAwait(false);
        var answer = await Target.Datastore.AskPrimaryAsync(ct).ConfigureAwait(false);
        var primary = answer.Primary ?? throw new InvalidOperationException($"Expected a Sentinel to name the primary for the final read, but {answer.Problem}.");
        var read = await Target.Datastore.ReadLedgerAsync(primary, LedgerKey, ct).ConfigureAwait(false);
        _file?.Write(read);
        var check = LedgerChecker.Check(attempts, read);
        Report.Ledger = check;
        Report.WriteTimeline = WriteTimeline.PerSecond(attempts, read);
        Report.UnacknowledgedSpans = WriteTimeline.UnacknowledgedSpans(attempts);
        if (_killedAt is { } killedAt)
        {
            Report.Rto = WriteGap.Measure(attempts, killedAt, _killedPrimary);
        }

        _narrate($"Ledger read back from {DatastoreTarget.Describe(await Target.PodAtAsync(primary, ct).ConfigureAwait(false), primary)}: {check}");
        return check;
    }

    /// <summary>The RTO verdict (<c>RTO_BELOW</c>).</summary>
    public (CheckResult Check, string Failure) RtoVerdict() =>
        DatastoreChecks.Rto(Report.Rto ?? new WriteGap(RequireKilled(), _killedPrimary, null, null), Timing.RtoBelow);

    /// <summary>Jepsen's verdict on the ledger.</summary>
    public (CheckResult Check, string Failure) LedgerVerdict() =>
        DatastoreChecks.Ledger(Report.Ledger ?? throw new InvalidOperationException("The ledger was not read back: the read step did not run."), Report.LedgerFile);
}
