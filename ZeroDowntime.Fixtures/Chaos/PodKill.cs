namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>One pod a chaos round killed, and when the API (or the kill hook) accepted it.</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Uid">The pod's uid (its replacement has another; a process kill keeps it).</param>
/// <param name="Node">The node it ran on.</param>
/// <param name="StartedAt">When the kill call was sent (events after it can already be its consequences).</param>
/// <param name="AcceptedAt">When the kill was accepted (recovery is measured from here).</param>
/// <param name="RestartCountBefore">Its containers' restarts before the kill (a process kill must raise it).</param>
public sealed record PodKill(int Round, string Pod, string? Uid, string? Node, DateTimeOffset StartedAt, DateTimeOffset AcceptedAt, int RestartCountBefore);
