namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>From <paramref name="Time"/> until the next step, the role had <paramref name="Count"/> Ready pods.</summary>
public readonly record struct ReadyCountStep(DateTimeOffset Time, int Count);
