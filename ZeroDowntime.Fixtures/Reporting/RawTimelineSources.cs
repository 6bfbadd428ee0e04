using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Where a running scenario's raw timelines come from: snapshots of append-only lists (the load generator's and the
/// probes' attempts, the event timeline), each read again at every flush; only what was added since is written.
/// </summary>
/// <param name="Attempts">One snapshot function per attempt source (load, probe, ...), each in recording order.</param>
/// <param name="Events">The event timeline so far, in recording order (markers included).</param>
public sealed record RawTimelineSources(IReadOnlyList<Func<IReadOnlyList<AttemptRecord>>> Attempts, Func<IReadOnlyList<ClusterEvent>> Events);
