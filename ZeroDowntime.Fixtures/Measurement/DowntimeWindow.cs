namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// One outage as the attempts saw it: from the first failed attempt to the next successful attempt,
/// each placed by the moment its outcome was seen (or by its start, when asked). See <see cref="Downtime.Windows"/> for the exact rules.
/// </summary>
/// <param name="Start">The first failed attempt's instant (seen, or start).</param>
/// <param name="End">The next successful attempt's instant (seen, or start); for an open window, see <paramref name="IsOpen"/>.</param>
/// <param name="FailedAttempts">How many consecutive failed attempts the window holds.</param>
/// <param name="IsOpen">True when no success followed: the service had not recovered when the attempts ended.</param>
public readonly record struct DowntimeWindow(DateTimeOffset Start, DateTimeOffset End, int FailedAttempts, bool IsOpen)
{
    /// <summary><see cref="End"/> - <see cref="Start"/>.</summary>
    public TimeSpan Duration => End - Start;
}
