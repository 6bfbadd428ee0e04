using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Chaos;

public sealed class ConnectionRecoveryTests
{
    [Fact]
    public void Recovery_runs_from_the_removal_to_the_first_success_after_it()
    {
        // Partition from 1 s to 3 s; failures from 2 s, the first success after the removal at 3.6 s.
        AttemptRecord[] attempts = [Ok(0.5), Ok(1.5), Fail(2.0), Fail(2.5), Fail(3.1), Ok(3.6), Ok(4.0)];

        var result = ConnectionRecovery.Measure("probe", "new connections", attempts, At(1), At(3));

        result.Should().Be(new ConnectionRecovery("probe", "new connections", 6, 2, 1, TimeSpan.FromSeconds(0.6)));
        result.ToString().Should().Be("new connections: 2 failed during the partition, 1 after it, of 6; first success 0.60 s after the removal");
    }

    [Fact]
    public void A_probe_that_never_failed_was_never_interrupted()
    {
        var result = ConnectionRecovery.Measure("probe-keep-alive", "open connections", [Ok(1.5), Ok(2.5), Ok(3.5)], At(1), At(3));

        result.RecoveredAfter.Should().Be(TimeSpan.Zero);
        result.ToString().Should().Be("open connections: 0 failed during the partition, 0 after it, of 3; never interrupted");
    }

    [Fact]
    public void Without_a_success_after_the_removal_there_is_no_recovery()
    {
        var result = ConnectionRecovery.Measure("probe", "new connections", [Ok(0.5), Fail(2), Fail(3.5)], At(1), At(3));

        result.RecoveredAfter.Should().BeNull();
        result.ToString().Should().EndWith("; no success after the removal");
    }

    [Fact]
    public void A_request_held_through_the_partition_that_succeeds_late_is_not_a_failure()
    {
        // Started at 2 s on a kept connection, answered after the removal: it counts as a success started during the partition.
        var result = ConnectionRecovery.Measure("probe-keep-alive", "open connections", [Ok(2, latencyMs: 4000), Ok(3.2)], At(1), At(3));

        result.FailedDuringPartition.Should().Be(0);
        result.RecoveredAfter.Should().Be(TimeSpan.Zero);
    }
}
