using FluentAssertions;
using FluentAssertions.Execution;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Connections;

/// <summary>The RollingUpgrade verdicts, word for word: each says what was expected and what was seen.</summary>
public sealed class ConnectionAssertionTests
{
    [Fact]
    public void A_healthy_upgrade_passes_every_connection_and_rollout_check_and_records_them()
    {
        var result = SampleUpgrade.Result();

        using (new AssertionScope())
        {
            result.Should().HaveNoFailedRequestsOnConnectionsNotLost().And.LoseAtMostConnections(1.5).And.ReconnectEveryLostConnection()
                .And.CompleteRolloutWithin(TimeSpan.FromSeconds(60)).And.KeepReadyPodsDuringRollout();
        }

        result.Checks.Should().Equal(
            new CheckResult("failed_requests_not_lost", "No failed requests on connections that were not lost", true, "0", "0"),
            new CheckResult("lost_connections", "Lost connections at most 1.5 × the 4 open on old pods", true, "≤ 6", "5 (1 lost again after a reconnect to an old pod)"),
            new CheckResult("lost_connections_reconnected", "Every lost connection reconnected", true, "all", "5 of 5"),
            new CheckResult("rollout_completed", "Rollout of deployment ray-worker complete within 1 min", true, "≤ 1 min", "3.6 s (3 status changes)"),
            new CheckResult("min_ready_ray-worker", "At least 2 ray-worker pods Ready throughout the rollout (2 replicas − maxUnavailable 0)", true, "≥ 2", "minimum 2"));
    }

    [Fact]
    public void Failed_requests_on_a_lasting_connection_are_named_with_their_pod_and_reason()
    {
        var act = () => SampleUpgrade.Result(loadingAnswers: true).Should().HaveNoFailedRequestsOnConnectionsNotLost();

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected zero failed requests on connections that were not lost, but 3 failed on 1 connection(s): 3 on new-a (error loading, 1 connection(s)).");
    }

    [Fact]
    public void More_lost_connections_than_the_factor_allows_lists_them_per_pod_and_counts_the_ones_lost_again()
    {
        var act = () => SampleUpgrade.Result().Should().LoseAtMostConnections(1);

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected at most 4 lost connections (1 × the 4 open on old pods when the upgrade began), but 5 were lost: old-a 2, old-b 3; lost again after reconnecting to an old pod: 1.");
    }

    [Fact]
    public void A_slot_that_never_reconnected_is_named_with_where_and_when_it_was_lost()
    {
        var result = SampleUpgrade.Result();
        result.Connections!.Records = result.Connections.Records.Where(r => r is not { Slot: 2, Attempt: 2 }).ToList();

        var act = () => result.Should().ReconnectEveryLostConnection();

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected every lost connection to reconnect, but 1 of 5 did not: slot 2 (lost on old-b at 12:00:06.00: closed); failed connects: 1 × connection refused.");
    }

    [Fact]
    public void A_rollout_that_did_not_complete_reports_its_last_status()
    {
        var act = () => SampleUpgrade.Result(rolloutComplete: false).Should().CompleteRolloutWithin(TimeSpan.FromSeconds(60));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected the rollout of deployment ray-worker to complete within 1 min of the image change, but it was not complete after 1 min: 2 of 2 updated, 2 available, 2 total, observed generation 2 of 2.");
    }

    [Fact]
    public void Fewer_Ready_pods_than_replicas_minus_maxUnavailable_names_the_minimum_and_when()
    {
        var act = () => SampleUpgrade.Result(readyDip: true).Should().KeepReadyPodsDuringRollout();

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected at least 2 ray-worker pods Ready throughout the rollout (2 replicas − maxUnavailable 0), but the minimum was 1, from 12:00:05.40 to 12:00:05.50.");
    }

    [Fact]
    public void Without_connection_traffic_every_connection_verdict_fails_rather_than_passing_on_no_evidence()
    {
        var result = new ScenarioResult("RollingUpgrade", Reporting.SampleResults.T0);

        var act = () => result.Should().ReconnectEveryLostConnection();

        act.Should().Throw<XunitException>().Which.Message.Should().Be("Expected every lost connection to reconnect, but no connection traffic was recorded.");
        result.Checks.Single().Passed.Should().BeFalse();
    }
}
