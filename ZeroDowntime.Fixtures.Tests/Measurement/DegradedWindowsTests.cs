using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class DegradedWindowsTests
{
    /// <summary>
    /// Probe every 50 ms round-robin over three backends; the first is dead for [1.0, 4.5), so
    /// every third attempt there is refused (1 ms) and the others succeed (10 ms).
    /// </summary>
    private static List<AttemptRecord> RoundRobinOverADeadBackend()
    {
        var attempts = new List<AttemptRecord>();
        for (var k = 0; k < 120; k++)
        {
            var start = k * 0.05;
            var dead = start is >= 1.0 and < 4.499 && (k - 20) % 3 == 0;
            attempts.Add(dead ? Fail(start, sequence: k) : Ok(start, sequence: k));
        }

        return attempts;
    }

    [Fact]
    public void Interleaved_failures_over_a_dead_backend_are_one_degraded_window_with_their_error_rate()
    {
        var attempts = RoundRobinOverADeadBackend();

        var strict = Downtime.Windows(attempts);
        var degraded = DegradedWindows.Of(attempts);

        strict.Should().HaveCount(24, "each refused attempt is followed by a success: 24 blackouts of about 50 ms");
        var window = degraded.Should().ContainSingle().Subject;
        window.Start.Should().Be(At(1.001));
        window.End.Should().Be(At(4.51), "the answer to the attempt after the last refused one");
        window.Attempts.Should().Be(70);
        window.FailedAttempts.Should().Be(24);
        window.ErrorRate.Should().BeApproximately(24.0 / 70, 1e-12);
        window.IsFullOutage.Should().BeFalse();
    }

    [Fact]
    public void Failures_further_apart_than_the_gap_are_separate_windows()
    {
        var attempts = Pattern("SFSFSSSSSSSSSSSSSSSSSSSSSSSSFFS"); // failures at 0.05, 0.15, then 1.40, 1.45

        DegradedWindows.Of(attempts, mergeGap: TimeSpan.FromSeconds(0.5)).Should().Equal(
            new DegradedWindow(At(0.051), At(0.21), 3, 2, false),
            new DegradedWindow(At(1.401), At(1.51), 2, 2, false));
        DegradedWindows.Of(attempts, mergeGap: TimeSpan.FromSeconds(2)).Should().ContainSingle()
            .Which.Should().Be(new DegradedWindow(At(0.051), At(1.51), 29, 4, false));
    }

    [Fact]
    public void A_full_outage_is_one_window_at_100_percent_and_an_unrecovered_one_stays_open()
    {
        DegradedWindows.Of(Pattern("SSFFFS")).Should().ContainSingle()
            .Which.Should().Match<DegradedWindow>(w => w.IsFullOutage && w.ErrorRate == 1 && w.FailedAttempts == 3);

        var open = DegradedWindows.Of(Pattern("SSFSF"), observationEnd: At(3)).Should().ContainSingle().Subject;
        open.Should().Be(new DegradedWindow(At(0.101), At(3), 3, 2, IsOpen: true));
    }

    [Fact]
    public void No_failures_means_no_degraded_windows()
    {
        DegradedWindows.Of(Pattern("SSSS")).Should().BeEmpty();
        DegradedWindows.Of([]).Should().BeEmpty();
    }
}
