namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// A stretch in which failures kept coming, possibly interleaved with successes (round-robin over a
/// dead backend fails one request in three): "3.5 s at 33% errors". See <see cref="DegradedWindows.Of"/>.
/// </summary>
/// <param name="Start">The first failure's instant.</param>
/// <param name="End">The instant of the first success after the last failure; for an open window, see <paramref name="IsOpen"/>.</param>
/// <param name="Attempts">Attempts placed in [<paramref name="Start"/>, <paramref name="End"/>), failures and successes.</param>
/// <param name="FailedAttempts">The failures among them.</param>
/// <param name="IsOpen">True when no success followed the last failure.</param>
public readonly record struct DegradedWindow(DateTimeOffset Start, DateTimeOffset End, int Attempts, int FailedAttempts, bool IsOpen)
{
    /// <summary><see cref="End"/> - <see cref="Start"/>.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>Failed / all attempts in the window, 0–1.</summary>
    public double ErrorRate => Attempts == 0 ? 0 : (double)FailedAttempts / Attempts;

    /// <summary>True when every attempt in it failed: the same stretch as a strict downtime window.</summary>
    public bool IsFullOutage => FailedAttempts == Attempts;
}
