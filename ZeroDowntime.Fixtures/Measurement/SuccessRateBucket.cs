namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>The success rate of the attempts that started in [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Start">Inclusive bucket start.</param>
/// <param name="End">Exclusive bucket end (the last bucket may be shorter than the width).</param>
/// <param name="Rate">Attempts and successes in the bucket.</param>
public readonly record struct SuccessRateBucket(DateTimeOffset Start, DateTimeOffset End, SuccessRate Rate);
