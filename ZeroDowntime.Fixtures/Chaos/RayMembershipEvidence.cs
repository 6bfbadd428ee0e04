using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// The Ray head's own view (state API, <c>/api/v0/nodes</c>): cut when none of <paramref name="isolated"/>
/// is ALIVE on the head, restored when every Ready worker pod is ALIVE on it again.
/// </summary>
public sealed class RayMembershipEvidence(IKubernetes client, string @namespace, ZeroDowntimeSettings settings, IReadOnlyList<string> isolated) : IPartitionEvidence
{
    private readonly RayClusterObserver _observer = new(client, @namespace, settings);

    /// <inheritdoc />
    public string CutExpectation => $"the head to list every isolated {settings.Target.Workers.Name} pod ({string.Join(", ", isolated)}) as not ALIVE";

    /// <inheritdoc />
    public string RestoredExpectation => $"every Ready {settings.Target.Workers.Name} pod ALIVE on the head";

    /// <inheritdoc />
    public async Task<PartitionLook> LookAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        var state = await _observer.ObserveAsync(ct).ConfigureAwait(false);
        if (state.Nodes is null)
        {
            return new PartitionLook(state.Time, false, false, state.Problem ?? "the head's node list could not be read");
        }

        var alive = state.Nodes.Where(n => !n.IsHeadNode && n.IsAlive).Select(n => n.NodeName).ToHashSet(StringComparer.Ordinal);
        var stillAlive = isolated.Where(alive.Contains).ToList();
        var summary = $"head {state.HeadPod} lists " + string.Join(", ", isolated.Select(p => $"{p} {(alive.Contains(p) ? "ALIVE" : State(state, p))}"));
        return new PartitionLook(state.Time, stillAlive.Count == 0, state.IsOperational, summary);
    }

    private static string State(RayClusterState state, string pod) =>
        state.Nodes!.Where(n => n.NodeName == pod).OrderByDescending(n => n.StartTimeMs).FirstOrDefault()?.State ?? "absent";
}
