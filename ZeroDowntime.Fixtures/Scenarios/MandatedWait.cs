using System.Diagnostics;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// A wait the scenario itself prescribes (a baseline, a settle period, a hold, the interval between disruptions, a load
/// stage) while load and probe keep measuring. It is not a settle-and-hope delay: its length is part of the
/// scenario's definition. Its time is added to <see cref="ScenarioResult.MandatedWaits"/>, so the reports can show how
/// much of a scenario's duration is anything else (the overhead: starting load, recovery, checks, reports).
/// </summary>
public static class MandatedWait
{
    /// <summary>Holds for <paramref name="duration"/>; a long hold says every progress interval how far it is.</summary>
    /// <param name="result">The scenario whose mandated time this is (null: not counted, e.g. outside a scenario).</param>
    /// <param name="duration">How long to hold; zero or less returns at once.</param>
    /// <param name="what">What the hold is, with its setting, e.g. "the baseline (ZD_TIMING__BASELINE_WAIT)".</param>
    /// <param name="ct">Cancels the hold; the time held until then still counts.</param>
    public static async Task HoldAsync(ScenarioResult? result, TimeSpan duration, string what, CancellationToken ct = default)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var progress = Xunit.LiveProgress.Waiting($"the end of {what}", duration);
            await Task.Delay(duration, ct).ConfigureAwait(false);
        }
        finally
        {
            // The prescribed length, not the timer's lateness: a late wake-up is overhead.
            var held = Stopwatch.GetElapsedTime(started);
            result?.AddMandatedWait(held < duration ? held : duration);
        }
    }
}
