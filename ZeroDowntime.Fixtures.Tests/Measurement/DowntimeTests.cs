using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

/// <summary>The start-based rules (<see cref="AttemptTime.Start"/>); the moment-seen default is in <see cref="SeenTimeTests"/>.</summary>
public class DowntimeTests
{
    private static IReadOnlyList<DowntimeWindow> StartWindows(IEnumerable<AttemptRecord> attempts, DateTimeOffset? observationEnd = null) =>
        Downtime.Windows(attempts, observationEnd, AttemptTime.Start);

    [Fact]
    public void No_attempts_means_no_windows_and_zero_downtime()
    {
        StartWindows([]).Should().BeEmpty();
        Downtime.Total(Array.Empty<AttemptRecord>(), basis: AttemptTime.Start).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void All_successes_means_no_windows()
    {
        StartWindows(Pattern("SSSSS")).Should().BeEmpty();
    }

    [Fact]
    public void A_window_runs_from_the_first_failure_start_to_the_next_success_start()
    {
        var windows = StartWindows(Pattern("SSFFFSS"));

        windows.Should().Equal(new DowntimeWindow(At(0.10), At(0.25), 3, IsOpen: false));
        windows[0].Duration.Should().Be(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Separate_runs_give_separate_windows_and_the_total_is_their_sum()
    {
        var windows = StartWindows(Pattern("SFSSFFS"));

        windows.Should().Equal(
            new DowntimeWindow(At(0.05), At(0.10), 1, false),
            new DowntimeWindow(At(0.20), At(0.30), 2, false));
        Downtime.Total(windows).Should().Be(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_failure_at_the_very_start_opens_a_window_at_the_first_attempt()
    {
        StartWindows(Pattern("FFSS")).Should().Equal(new DowntimeWindow(At(0), At(0.10), 2, false));
    }

    [Fact]
    public void A_run_still_failing_at_the_end_is_open_and_ends_at_the_last_evidence_of_failure()
    {
        var attempts = Pattern("SSFF");
        attempts[2] = Fail(0.10, latencyMs: 400); // slow failure: its end is later than the last one's
        attempts[3] = Fail(0.15, latencyMs: 5);

        StartWindows(attempts).Should().Equal(new DowntimeWindow(At(0.10), At(0.50), 2, IsOpen: true));
    }

    [Fact]
    public void An_open_run_ends_at_the_observation_end_when_one_is_given()
    {
        StartWindows(Pattern("SSFF"), observationEnd: At(3))
            .Should().Equal(new DowntimeWindow(At(0.10), At(3), 2, IsOpen: true));
    }

    [Fact]
    public void All_failures_is_one_open_window_over_the_whole_run()
    {
        var windows = StartWindows(Pattern("FFFF"));

        windows.Should().ContainSingle().Which.Should().Be(new DowntimeWindow(At(0), At(0.15) + TimeSpan.FromMilliseconds(1), 4, true));
    }

    [Fact]
    public void Unsorted_input_gives_the_same_windows_as_sorted_input()
    {
        var sorted = Pattern("SFFSSFSFFFS");
        var shuffled = sorted.OrderBy(a => (a.Sequence * 7919) % 13).ToList();

        shuffled.Should().NotEqual(sorted);
        StartWindows(shuffled).Should().Equal(StartWindows(sorted));
    }

    [Fact]
    public void On_equal_starts_a_success_ends_the_run_in_a_zero_length_window()
    {
        var attempts = new[] { Ok(0), Fail(0.05), Ok(0.05), Ok(0.10) };

        StartWindows(attempts.Reverse()).Should().Equal(new DowntimeWindow(At(0.05), At(0.05), 1, false));
    }

    [Fact]
    public void Timeouts_longer_than_the_period_are_ordered_by_start_not_by_end()
    {
        // Service hangs from 1.0 s: attempts started then time out 2 s later, after later successes ended.
        var attempts = new[]
        {
            Ok(0.90), Ok(0.95),
            Fail(1.00, 2000, AttemptErrorKind.Timeout), Fail(1.05, 2000, AttemptErrorKind.Timeout), Fail(1.10, 2000, AttemptErrorKind.Timeout),
            Ok(1.15), Ok(1.20),
        };

        StartWindows(attempts).Should().Equal(new DowntimeWindow(At(1.00), At(1.15), 3, false));
    }

    [Fact]
    public void Interleaved_sources_merge_into_windows_where_no_attempt_of_any_source_succeeded()
    {
        var probe = Pattern("SFFFS");
        var load = new[] { Ok(0.075, source: AttemptSources.K6), Fail(0.125, source: AttemptSources.K6) };

        StartWindows(probe).Should().Equal(new DowntimeWindow(At(0.05), At(0.20), 3, false));
        StartWindows(probe.Concat(load)).Should().Equal(
            new DowntimeWindow(At(0.05), At(0.075), 1, false),
            new DowntimeWindow(At(0.10), At(0.20), 3, false));
    }

    [Fact]
    public void Longest_after_an_instant_clips_a_window_that_began_before_it()
    {
        var windows = StartWindows(Pattern("SFFFFFSSSFFS")); // [0.05,0.30) and [0.45,0.55)

        Downtime.LongestAfter(windows, At(0.25)).Should().Be(new DowntimeWindow(At(0.45), At(0.55), 2, false));
        Downtime.LongestAfter(windows, At(0.10)).Should().Be(new DowntimeWindow(At(0.10), At(0.30), 5, false));
        Downtime.LongestAfter(windows, At(0.60)).Should().BeNull();
    }
}
