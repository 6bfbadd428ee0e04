namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>What a drain did: one record per evicted pod, the pods it skipped (and why), and when the node was empty.</summary>
/// <param name="Node">The drained node.</param>
/// <param name="Evictions">One record per pod the drain evicted.</param>
/// <param name="Skipped">Pods left alone, as "name: reason".</param>
/// <param name="EmptyAt">When every evicted pod was gone.</param>
public sealed record DrainResult(string Node, IReadOnlyList<EvictionRecord> Evictions, IReadOnlyList<string> Skipped, DateTimeOffset EmptyAt);
