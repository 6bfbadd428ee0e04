using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Benchmarks;

/// <summary>The managed heap an <see cref="AttemptLog"/> holding 100,000 records takes (the command's line and the Fixtures benchmark).</summary>
public static class AttemptLogMemory
{
    /// <summary>Attempts recorded per measurement.</summary>
    public const int Attempts = 100_000;

    /// <summary>Bytes the heap grew by while a log filled with <see cref="Attempts"/> records, after full collections on both sides.</summary>
    public static long MeasureBytes()
    {
        var record = new AttemptRecord(AttemptSources.Probe, 0, MeasurementClock.UtcNow, TimeSpan.FromMilliseconds(3), AttemptOutcome.Success, 200, AttemptErrorKind.None);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var log = new AttemptLog();
        for (var i = 0; i < Attempts; i++)
        {
            log.Add(record with { Sequence = i });
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(log);
        return after - before;
    }

    /// <summary>The size of one record as a struct: the ideal is an array of them.</summary>
    public static int RecordSize => System.Runtime.CompilerServices.Unsafe.SizeOf<AttemptRecord>();
}
