namespace ZeroDowntime.Fixtures.Recording;

/// <summary>What the recorder currently knows about one node.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Ready">Whether its Ready condition is True.</param>
/// <param name="Cordoned">Whether it is unschedulable.</param>
public sealed record RecordedNode(string Name, bool Ready, bool Cordoned);
