namespace ZeroDowntime.Fixtures.Load;

/// <summary>A ramping load for <c>DisruptionRun</c>: the stages (the last holds), the concurrency cap and the longest it may run.</summary>
/// <param name="Stages">RATE:DURATION steps, baseline first.</param>
/// <param name="Concurrency">Most attempts in flight (k6 maxVUs).</param>
/// <param name="Duration">The load ends by itself after this, if not stopped first (a safety net).</param>
public sealed record RampingLoad(IReadOnlyList<LoadStage> Stages, int Concurrency, TimeSpan Duration);
