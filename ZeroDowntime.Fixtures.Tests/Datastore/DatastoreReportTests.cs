using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Datastore;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>The datastore failover in the console view, summary.json and report.html, and its verdict sentences word for word.</summary>
public sealed class DatastoreReportTests
{
    private const string Old = "127.10.0.1:6379";
    private const string New = "127.10.0.2:6379";
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_console_view_shows_the_primaries_the_failover_window_the_rto_and_the_ledger_counts()
    {
        var result = Failover(lost: [2]);

        var text = ConsoleReport.ScenarioEnd(result);

        text.Should().Contain(string.Join("\n",
            "  Primary: redis-0 (127.10.0.1:6379) killed at 12:00:01.00 (delete, grace 1.0 s)",
            "  New primary: redis-2 (127.10.0.2:6379) at 12:00:04.00, 3.0 s after the kill",
            "  Replicas reattached: at 12:00:06.00, 5.0 s after the kill",
            "  RTO: 3.2 s (last acknowledged by the killed primary #2 at 12:00:00.90, first by the new primary #5 at 12:00:04.10)",
            "  Writes (acknowledged by a replica, WAIT 1): 5 attempted, 3 acknowledged, 1 lost, 0 recovered, 0 unexpected",
            "  Unacknowledged: 12:00:01.50–12:00:04.05 (2 writes)",
            "  Lost: #2",
            "  Ledger: datastore_failover.ledger.csv"));
    }

    [Fact]
    public void Summary_json_has_a_datastore_object_with_jepsens_counts_and_the_write_timeline()
    {
        var suite = new SuiteReport("run-1", T0);
        var result = suite.BeginScenario("DatastoreFailover");
        Fill(result, lost: []);

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));

        var test = json.RootElement.GetProperty("tests")[0];
        var datastore = test.GetProperty("datastore");
        datastore.GetProperty("acknowledge").GetString().Should().Be("replica");
        datastore.GetProperty("old_primary").GetString().Should().Be("redis-0 (127.10.0.1:6379)");
        datastore.GetProperty("failover_seconds").GetDouble().Should().Be(3);
        datastore.GetProperty("rto_seconds").GetDouble().Should().Be(3.2);
        datastore.GetProperty("last_acknowledged_before_kill").GetProperty("sequence").GetInt64().Should().Be(2);
        var ledger = datastore.GetProperty("ledger");
        (ledger.GetProperty("attempted").GetInt64(), ledger.GetProperty("acknowledged").GetInt64(), ledger.GetProperty("ok").GetInt64(),
            ledger.GetProperty("lost").GetInt64(), ledger.GetProperty("recovered").GetInt64(), ledger.GetProperty("unexpected").GetInt64())
            .Should().Be((5L, 3L, 3L, 0L, 0L, 0L));
        ledger.GetProperty("valid").GetBoolean().Should().BeTrue();
        datastore.GetProperty("write_timeline").EnumerateArray().Select(s => s.GetProperty("acknowledged").GetInt32()).Should().Equal(2, 0, 0, 0, 1);
        test.GetProperty("files").GetProperty("ledger").GetString().Should().Be("datastore_failover.ledger.csv");
    }

    [Fact]
    public void Other_scenarios_have_no_datastore_object()
    {
        var suite = new SuiteReport("run-1", T0);
        suite.BeginScenario("NodeDrain");

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));

        json.RootElement.GetProperty("tests")[0].TryGetProperty("datastore", out _).Should().BeFalse();
    }

    [Fact]
    public void Report_html_shows_the_datastore_block_and_a_bar_per_second()
    {
        var suite = new SuiteReport("run-1", T0);
        Fill(suite.BeginScenario("DatastoreFailover"), lost: [2]);

        var html = HtmlReport.Render(suite);

        html.Should().Contain("<h3>Datastore failover</h3>").And.Contain("5 attempted, 3 acknowledged, 1 lost, 0 recovered, 0 unexpected")
            .And.Contain($"fill=\"{HtmlReport.LostColour}\"").And.Contain("<a href=\"datastore_failover.ledger.csv\">");
    }

    [Fact]
    public void Failed_verdicts_say_what_was_expected_and_what_was_seen()
    {
        var report = Failover(lost: [2]).Datastore!;
        var noPrimary = new DatastoreReport { OldPrimary = "redis-0 (127.10.0.1:6379)", KilledAt = T0.AddSeconds(1) };

        DatastoreChecks.Ledger(report.Ledger!, report.LedgerFile).Failure.Should().Be(
            "Expected no acknowledged write lost and nothing unexpected in the final read, but 1 of 3 acknowledged writes were lost (#2); every write is in datastore_failover.ledger.csv.");
        DatastoreChecks.Ledger(LedgerChecker.Check([], new LedgerRead([9], T0, New)), null).Failure.Should().Be(
            "Expected no acknowledged write lost and nothing unexpected in the final read, but 1 entries that no write had made were read (#9).");
        DatastoreChecks.Rto(report.Rto!, TimeSpan.FromSeconds(2)).Failure.Should().Be(
            "Expected the gap between the last write the killed primary acknowledged and the first a new primary acknowledged below 2.0 s, but it was " +
            "3.2 s (last acknowledged by the killed primary #2 at 12:00:00.90, first by the new primary #5 at 12:00:04.10).");
        DatastoreChecks.NewPrimary(noPrimary, TimeSpan.FromSeconds(30), "127.10.0.1:6379").Failure.Should().Be(
            "Expected the Sentinels to name a new primary within 30.0 s of killing redis-0 (127.10.0.1:6379), but there was none within 30.0 s: the Sentinels last said 127.10.0.1:6379.");
        DatastoreChecks.ReplicasReattached(noPrimary, 2, "redis-0", TimeSpan.FromSeconds(30), "127.10.0.2:6379 is a primary with 1 online replica(s)").Failure.Should().Be(
            "Expected 2 replicas online on the new primary, the replacement redis-0 among them, within 30.0 s of the kill, but it was not within 30.0 s; last seen: 127.10.0.2:6379 is a primary with 1 online replica(s).");
        DatastoreChecks.Ledger(report.Ledger!, null).Check.Passed.Should().BeFalse();
        DatastoreChecks.NewPrimary(report, TimeSpan.FromSeconds(30), null).Check.Should().Be(new CheckResult("new_primary", "A new primary elected within 30.0 s", true,
            "≠ redis-0 (127.10.0.1:6379), ≤ 30.0 s", "redis-2 (127.10.0.2:6379) 3.0 s after the kill"));
    }

    [Fact]
    public void Info_replication_is_read_from_a_primary_and_from_a_replica()
    {
        var primary = ReplicationInfo.Parse("# Replication\r\nrole:master\r\nconnected_slaves:2\r\nslave0:ip=127.10.0.5,port=6379,state=online,offset=42,lag=0\r\n" +
            "slave1:ip=127.10.0.6,port=6379,state=wait_bgsave,offset=0,lag=0\r\nmaster_failover_state:no-failover\r\n");
        var replica = ReplicationInfo.Parse("# Replication\nrole:slave\nmaster_host:127.10.0.1\nmaster_port:6379\nmaster_link_status:up\n");

        primary.IsPrimary.Should().BeTrue();
        primary.Replicas.Should().Equal(new ReplicaLink("127.10.0.5:6379", "online", 42), new ReplicaLink("127.10.0.6:6379", "wait_bgsave", 0));
        primary.OnlineReplicas.Should().ContainSingle();
        primary.ToString().Should().Be("primary with 1 online replica(s): 127.10.0.5:6379 online, 127.10.0.6:6379 wait_bgsave");
        replica.ToString().Should().Be("slave of 127.10.0.1:6379 (link up)");
    }

    private static ScenarioResult Failover(long[] lost)
    {
        var result = new ScenarioResult("DatastoreFailover", T0);
        Fill(result, lost);
        return result;
    }

    private static void Fill(ScenarioResult result, long[] lost)
    {
        LedgerAttempt[] attempts =
        [
            new(1, T0.AddMilliseconds(500), T0.AddMilliseconds(550), T0.AddMilliseconds(550), Old, null),
            new(2, T0.AddMilliseconds(850), T0.AddMilliseconds(900), T0.AddMilliseconds(900), Old, null),
            new(3, T0.AddMilliseconds(1500), T0.AddMilliseconds(2500), null, Old, "no reply in time"),
            new(4, T0.AddMilliseconds(3000), T0.AddMilliseconds(3100), null, New, "READONLY You can't write against a read only replica."),
            new(5, T0.AddMilliseconds(4050), T0.AddMilliseconds(4100), T0.AddMilliseconds(4100), New, null),
        ];
        var read = new LedgerRead(new long[] { 1, 2, 5 }.Except(lost).ToList(), T0.AddMilliseconds(10000), New);
        result.Datastore = new DatastoreReport
        {
            Acknowledge = "replica",
            Kill = "delete, grace 1.0 s",
            OldPrimary = "redis-0 (127.10.0.1:6379)",
            NewPrimary = "redis-2 (127.10.0.2:6379)",
            KilledAt = T0.AddMilliseconds(1000),
            NewPrimaryAt = T0.AddMilliseconds(4000),
            ReplicasReattachedAt = T0.AddMilliseconds(6000),
            Rto = WriteGap.Measure(attempts, T0.AddMilliseconds(1000), Old),
            Ledger = LedgerChecker.Check(attempts, read),
            WriteTimeline = WriteTimeline.PerSecond(attempts, read),
            UnacknowledgedSpans = WriteTimeline.UnacknowledgedSpans(attempts),
            LedgerFile = "datastore_failover.ledger.csv",
        };
    }
}
