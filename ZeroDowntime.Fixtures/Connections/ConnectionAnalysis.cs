using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>
/// What a rolling upgrade cost the connections, from the per-connection records alone: lost
/// connections per old pod, lasting connections per new pod, failed connects, failed requests on
/// connections that were not lost, and whether every lost connection reconnected. Pure: the same
/// records give the same numbers (they are written to <c>*.connections.jsonl</c>).
/// </summary>
/// <example><code>
/// var analysis = ConnectionAnalysis.Of(records, oldPods, upgradeAt);
/// analysis.Lost == analysis.OpenOnOldPods   // the perfect score (IPVS lc)
/// </code></example>
public sealed record ConnectionAnalysis
{
    /// <summary>Connections open on old pods at the upgrade: each one must be lost once; the perfect score loses exactly these.</summary>
    public required int OpenOnOldPods { get; init; }

    /// <summary>Connections lost (closed, reset or timed out before the traffic stopped).</summary>
    public required IReadOnlyList<ConnectionRecord> Lost { get; init; }

    /// <summary>Lost connections by the pod that served them.</summary>
    public required IReadOnlyDictionary<string, int> LostPerPod { get; init; }

    /// <summary>Connections still open when the traffic stopped.</summary>
    public required IReadOnlyList<ConnectionRecord> Lasting { get; init; }

    /// <summary>Lasting connections by pod.</summary>
    public required IReadOnlyDictionary<string, int> LastingPerPod { get; init; }

    /// <summary>Connects that never got established.</summary>
    public required IReadOnlyList<ConnectionRecord> FailedConnects { get; init; }

    /// <summary>Lost connections that were opened after the upgrade began on an old pod: a reconnect sent to a pod that was going away too.</summary>
    public required IReadOnlyList<ConnectionRecord> LostAgain { get; init; }

    /// <summary>Lost connections whose slot never had another connection established before the traffic stopped.</summary>
    public required IReadOnlyList<ConnectionRecord> NotReconnected { get; init; }

    /// <summary>Connections that were not lost (lasting) and still had failed requests.</summary>
    public required IReadOnlyList<ConnectionRecord> FailedWhileNotLost { get; init; }

    /// <summary>Requests sent, answered and failed over every connection.</summary>
    public required (long Sent, long Answered, long Failed) Requests { get; init; }

    /// <summary>Failed requests on connections that were not lost.</summary>
    public long FailedRequestsNotLost => FailedWhileNotLost.Sum(r => r.Failed);

    /// <summary>Pods that served a connection and were not old pods.</summary>
    public required IReadOnlyList<string> NewPods { get; init; }

    /// <summary>Analyses <paramref name="records"/>; <paramref name="oldPods"/> are the Deployment's pods when the image changed at <paramref name="upgradeAt"/>.</summary>
    public static ConnectionAnalysis Of(IEnumerable<ConnectionRecord> records, IReadOnlySet<string> oldPods, DateTimeOffset upgradeAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(oldPods);
        var all = records.OrderBy(r => r.Start).ThenBy(r => r.Slot).ToList();
        var lost = all.Where(r => r.IsLost).ToList();
        var lasting = all.Where(r => r.IsLasting).ToList();
        var bySlot = all.Where(r => r.Established is not null).ToLookup(r => r.Slot);
        return new ConnectionAnalysis
        {
            OpenOnOldPods = all.Count(r => r.Pod is { } pod && oldPods.Contains(pod) && r.WasOpenAt(upgradeAt)),
            Lost = lost,
            LostPerPod = PerPod(lost),
            Lasting = lasting,
            LastingPerPod = PerPod(lasting),
            FailedConnects = all.Where(r => r.IsFailedConnect).ToList(),
            LostAgain = lost.Where(r => r.Pod is { } pod && oldPods.Contains(pod) && r.Established > upgradeAt).ToList(),
            NotReconnected = lost.Where(l => !bySlot[l.Slot].Any(r => r.Attempt > l.Attempt)).ToList(),
            FailedWhileNotLost = all.Where(r => r is { IsLost: false, IsFailedConnect: false, Failed: > 0 }).ToList(),
            Requests = (all.Sum(r => r.Sent), all.Sum(r => r.Answered), all.Sum(r => r.Failed)),
            NewPods = all.Select(r => r.Pod).OfType<string>().Where(p => !oldPods.Contains(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static SortedDictionary<string, int> PerPod(IEnumerable<ConnectionRecord> records) =>
        new(records.GroupBy(r => r.Pod ?? "(unknown)").ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
