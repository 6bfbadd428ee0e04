namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>One look at whether a partition is felt: the link cut, or working again.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="Cut">True when the evidence shows the isolated side cut off.</param>
/// <param name="Restored">True when the evidence shows the link working again.</param>
/// <param name="Summary">What was seen, in words (for checks and reports).</param>
public sealed record PartitionLook(DateTimeOffset Time, bool Cut, bool Restored, string Summary);
