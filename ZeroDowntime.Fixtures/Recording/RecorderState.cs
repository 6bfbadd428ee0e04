using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Recording;

/// <summary>
/// A consistent snapshot of what the <see cref="PodEventRecorder"/> has observed: every known pod per
/// role, every node, and the last event. Predicates of <see cref="PodEventRecorder.WaitUntilAsync"/> read it.
/// </summary>
/// <param name="Pods">Known pods (not yet deleted) by role, in name order.</param>
/// <param name="Nodes">Known nodes by name.</param>
/// <param name="LastEvent">The most recent event, or null before any.</param>
/// <param name="EventCount">Events recorded so far.</param>
public sealed record RecorderState(
    IReadOnlyDictionary<string, IReadOnlyList<RecordedPod>> Pods,
    IReadOnlyDictionary<string, RecordedNode> Nodes,
    ClusterEvent? LastEvent,
    int EventCount)
{
    /// <summary>Pods of <paramref name="role"/> that are Ready and not terminating.</summary>
    public int ReadyCount(string role) => ReadyPods(role).Count;

    /// <summary>Keys (uid, else name) of the Ready, non-terminating pods of <paramref name="role"/>.</summary>
    public IReadOnlySet<string> ReadyPods(string role) =>
        Pods.TryGetValue(role, out var pods) ? pods.Where(p => p.CountsAsReady).Select(p => p.Key).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>True when the node is known and cordoned.</summary>
    public bool IsCordoned(string node) => Nodes.TryGetValue(node, out var n) && n.Cordoned;

    /// <summary>E.g. <c>worker: 2 Ready of 3 (w-1 Ready on n1, w-2 Ready on n2, w-3 terminating on n3); nodes: n1 Ready, n3 Ready cordoned</c>.</summary>
    public override string ToString()
    {
        var roles = Pods.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value.Count(x => x.CountsAsReady)} Ready of {p.Value.Count}") +
            (p.Value.Count == 0 ? "" : " (" + string.Join(", ", p.Value.Select(Describe)) + ")"));
        var nodes = Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => $"{n.Name} {(n.Ready ? "Ready" : "NotReady")}{(n.Cordoned ? " cordoned" : "")}");
        var text = string.Join("; ", roles);
        return Nodes.Count == 0 ? text : $"{text}; nodes: {string.Join(", ", nodes)}";
    }

    private static string Describe(RecordedPod p) =>
        $"{p.Name} {(p.Terminating ? "terminating" : p.Ready ? "Ready" : "not Ready")}{(p.Node is null ? " unscheduled" : " on " + p.Node)}";
}
