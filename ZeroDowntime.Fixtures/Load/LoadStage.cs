namespace ZeroDowntime.Fixtures.Load;

/// <summary>One step of a ramping load: <see cref="Rate"/> attempts per second for <see cref="Duration"/>.</summary>
/// <param name="Rate">Attempts started per second (open-loop).</param>
/// <param name="Duration">How long this rate holds before the next stage.</param>
public readonly record struct LoadStage(double Rate, TimeSpan Duration);
