namespace ZeroDowntime.LocalCluster.Tests.Conformance;

/// <summary>
/// The outcome of one conformance call: passed, or failed with the client's error text. A call that fails
/// because of a known client bug, exactly as it fails against a real cluster, passes with a <paramref name="Note"/>.
/// </summary>
public sealed record CallResult(string Name, bool Ok, string? Error, string? Note = null)
{
    public override string ToString() => Ok ? $"{Name}: ok{(Note is null ? "" : $" ({Note})")}" : $"{Name}: {Error}";
}
