namespace ZeroDowntime.Fixtures.Recording;

/// <summary>What the recorder currently knows about one pod of a role.</summary>
/// <param name="Role">The role whose selector matched it.</param>
/// <param name="Name">Pod name.</param>
/// <param name="Uid">Pod uid (identifies it across same-name replacements).</param>
/// <param name="Node">The node it is bound to, or null while unscheduled.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Terminating">Whether it has a deletionTimestamp.</param>
public sealed record RecordedPod(string Role, string Name, string? Uid, string? Node, bool Ready, bool Terminating)
{
    /// <summary>The key ReadyCounts and ClusterEvent use: the uid, else the name.</summary>
    public string Key => Uid ?? Name;

    /// <summary>Ready and not terminating: what endpoints and Ready counts count.</summary>
    public bool CountsAsReady => Ready && !Terminating;
}
