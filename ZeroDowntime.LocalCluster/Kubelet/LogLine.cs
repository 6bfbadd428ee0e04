namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>One captured output line.</summary>
/// <param name="Sequence">Position in the container instance's output, from 0.</param>
/// <param name="Time">When the kubelet read it.</param>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Text">The line without its newline.</param>
public readonly record struct LogLine(long Sequence, DateTimeOffset Time, LogStream Stream, string Text);
