using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

/// <summary>
/// Failures are placed when they were seen (docs/measurement.md, "Two times per attempt"); the
/// start-based figure stays available.
/// </summary>
public class SeenTimeTests
{
    /// <summary>
    /// Requests of about 3 s, one every 0.5 s; the pod dies at 3.2 s and every request in flight on
    /// it fails at that instant with a reset (the abrupt-exit control of issue 17).
    /// </summary>
    private static List<AttemptRecord> SlowRequestsKilledAt(double kill)
    {
        var attempts = new List<AttemptRecord>();
        for (var k = 0; k <= 12; k++)
        {
            var start = k * 0.5;
            var inFlightAtKill = start < kill && start + 3 > kill;
            attempts.Add(inFlightAtKill
                ? Fail(start, (kill - start) * 1000, AttemptErrorKind.ConnectionReset, sequence: k)
                : Ok(start, 3000, sequence: k));
        }

        return attempts;
    }

    [Fact]
    public void Slow_requests_failing_together_at_a_kill_open_the_window_at_the_kill_not_at_their_starts()
    {
        var attempts = SlowRequestsKilledAt(kill: 3.2);

        var seen = Downtime.Windows(attempts);
        var byStart = Downtime.Windows(attempts, basis: AttemptTime.Start);

        // In flight at the kill: the requests sent at 0.5 … 3.0 s (6 of them). The first response
        // seen after the kill is the one sent at 3.5 s, answered at 6.5 s.
        seen.Should().Equal(new DowntimeWindow(At(3.2), At(6.5), 6, false));
        seen[0].Start.Should().BeOnOrAfter(At(3.2), "nothing failed before the pod was killed");
        byStart.Should().Equal(new DowntimeWindow(At(0.5), At(3.5), 6, false));
    }

    [Fact]
    public void Timeouts_longer_than_the_probe_period_fail_when_their_wait_ran_out()
    {
        // Probe every 50 ms with a 2 s timeout; the backend hangs for [1.00, 1.50) and answers again after.
        var attempts = new List<AttemptRecord>();
        for (var k = 0; k < 80; k++)
        {
            var start = k * 0.05;
            attempts.Add(start is >= 1.0 and < 1.499
                ? Fail(start, 2000, AttemptErrorKind.Timeout, sequence: k)
                : Ok(start, 10, sequence: k));
        }

        // Sent at: one window over the hang, as before.
        Downtime.Windows(attempts, basis: AttemptTime.Start).Should().Equal(new DowntimeWindow(At(1.00), At(1.50), 10, false));

        // Seen at: each timeout fails 2 s after its start, between the answers of newer attempts,
        // so the strict view is ten short windows from 3.00 s, and the degraded view one window.
        var seen = Downtime.Windows(attempts);
        seen.Should().HaveCount(10);
        seen[0].Should().Be(new DowntimeWindow(At(3.00), At(3.01), 1, false));
        seen.Should().OnlyContain(w => w.Start >= At(3.00) && w.End <= At(3.46));

        var degraded = DegradedWindows.Of(attempts);
        degraded.Should().Equal(new DegradedWindow(At(3.00), At(3.46), Attempts: 19, FailedAttempts: 10, IsOpen: false));
    }

    [Fact]
    public void The_seen_instant_is_start_plus_latency_and_the_timeout_for_a_timeout()
    {
        var timeout = Fail(1.0, 10_000, AttemptErrorKind.Timeout);

        timeout.Seen.Should().Be(At(11.0));
        timeout.At(AttemptTime.Start).Should().Be(At(1.0));
        timeout.At(AttemptTime.Seen).Should().Be(At(11.0));
    }

    [Fact]
    public void Per_second_buckets_place_attempts_by_the_moment_seen_unless_asked_for_starts()
    {
        var attempts = SlowRequestsKilledAt(kill: 3.2);

        var seen = SuccessRates.PerSecond(attempts, At(0), At(10));
        var byStart = SuccessRates.PerSecond(attempts, At(0), At(10), AttemptTime.Start);

        seen[3].Rate.Should().Be(new SuccessRate(7, 1), "the six resets and the answer to the first request are all seen in second 3");
        seen[0].Rate.Attempts.Should().Be(0, "nothing was seen before the first 3 s request ended");
        byStart[0].Rate.Should().Be(new SuccessRate(2, 1));
    }
}
