using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// What one probe (one connection mode) saw of a partition: how many attempts failed while it was in place
/// and after it was removed, and how long after the removal the first attempt succeeded. New connections
/// and kept-alive ones are measured apart because they recover differently (a pool can keep reusing a
/// connection that stalled).
/// </summary>
/// <param name="Source">The probe's source (<c>probe</c>, <c>probe-keep-alive</c>).</param>
/// <param name="Mode">In words: <c>new connections</c> or <c>open connections</c>.</param>
/// <param name="Attempts">Attempts started from the partition to the end of observation.</param>
/// <param name="FailedDuringPartition">Attempts started while the partition was in place that failed.</param>
/// <param name="FailedAfterRemoval">Attempts started after the removal that failed.</param>
/// <param name="RecoveredAfter">Removal → the first success after it; zero when no attempt failed since the partition began; null when none succeeded.</param>
public sealed record ConnectionRecovery(string Source, string Mode, int Attempts, int FailedDuringPartition, int FailedAfterRemoval, TimeSpan? RecoveredAfter)
{
    /// <summary>Measures <paramref name="attempts"/> of one probe against a partition from <paramref name="partitionStart"/> to <paramref name="removedAt"/>.</summary>
    public static ConnectionRecovery Measure(string source, string mode, IReadOnlyList<AttemptRecord> attempts, DateTimeOffset partitionStart, DateTimeOffset removedAt)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var since = attempts.Where(a => a.Start >= partitionStart).OrderBy(a => a.Start).ToList();
        var during = since.Where(a => a.Start < removedAt).ToList();
        var after = since.Where(a => a.Start >= removedAt).ToList();
        var firstSuccess = after.Where(a => a.Succeeded).Select(a => (AttemptRecord?)a).FirstOrDefault();
        TimeSpan? recovered = firstSuccess is not { } first ? null
            : since.Any(a => !a.Succeeded && a.Start < first.Start) ? first.Start - removedAt
            : TimeSpan.Zero;
        return new ConnectionRecovery(source, mode, since.Count, during.Count(a => !a.Succeeded), after.Count(a => !a.Succeeded), recovered);
    }

    /// <summary><c>new connections: 0 of 200 failed during the partition, 0 after; never interrupted</c>.</summary>
    public override string ToString()
    {
        var recovered = RecoveredAfter is not { } r ? "no success after the removal"
            : r == TimeSpan.Zero && FailedDuringPartition == 0 ? "never interrupted"
            : string.Create(CultureInfo.InvariantCulture, $"first success {r.TotalSeconds:0.00} s after the removal");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Mode}: {FailedDuringPartition} failed during the partition, {FailedAfterRemoval} after it, of {Attempts}; {recovered}");
    }
}
