using System.Diagnostics;

namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// The one clock every timeline uses: wall-clock UTC anchored once per process, advanced by the
/// monotonic <see cref="Stopwatch"/>. Intervals between records stay exact even if NTP steps the
/// system clock mid-run, and probe, load and event timestamps stay comparable.
/// </summary>
public static class MeasurementClock
{
    private static readonly long AnchorTimestamp = Stopwatch.GetTimestamp();
    private static readonly DateTimeOffset AnchorUtc = DateTimeOffset.UtcNow;

    /// <summary>The current instant.</summary>
    public static DateTimeOffset UtcNow => ToUtc(Stopwatch.GetTimestamp());

    /// <summary>Converts a <see cref="Stopwatch.GetTimestamp"/> value to this clock's UTC instant.</summary>
    public static DateTimeOffset ToUtc(long stopwatchTimestamp) =>
        AnchorUtc + Stopwatch.GetElapsedTime(AnchorTimestamp, stopwatchTimestamp);
}
