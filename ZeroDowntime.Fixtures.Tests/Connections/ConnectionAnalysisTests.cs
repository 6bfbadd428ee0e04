using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Connections;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Connections;

public sealed class ConnectionAnalysisTests
{
    [Fact]
    public void Lost_lasting_and_failed_connects_are_counted_per_pod_from_the_records()
    {
        var report = SampleUpgrade.Report();

        var a = ConnectionAnalysis.Of(report.Records, report.OldPods, At(2));

        a.OpenOnOldPods.Should().Be(4);
        a.Lost.Should().HaveCount(5);
        a.LostPerPod.Should().Equal(new Dictionary<string, int> { ["old-a"] = 2, ["old-b"] = 3 });
        a.LostAgain.Select(r => (r.Slot, r.Attempt)).Should().Equal((1, 2));
        a.Lasting.Should().HaveCount(4);
        a.LastingPerPod.Should().Equal(new Dictionary<string, int> { ["new-a"] = 2, ["new-b"] = 2 });
        a.FailedConnects.Should().ContainSingle().Which.Detail.Should().Be("connection refused");
        a.NotReconnected.Should().BeEmpty();
        a.FailedWhileNotLost.Should().BeEmpty("the one failed request was on a lost connection");
        a.Requests.Should().Be((199L, 198L, 1L));
        a.NewPods.Should().Equal("new-a", "new-b");
    }

    [Fact]
    public void A_connection_opened_after_the_upgrade_is_not_counted_as_open_on_an_old_pod()
    {
        var report = SampleUpgrade.Report();

        ConnectionAnalysis.Of(report.Records, report.OldPods, At(5)).OpenOnOldPods.Should().Be(3, "at 5 s old-b holds slots 1 (a reconnect), 2 and 3");
    }

    [Fact]
    public void A_lost_connection_whose_slot_never_connects_again_is_not_reconnected()
    {
        var report = SampleUpgrade.Report();
        var records = report.Records.Where(r => r is not { Slot: 2, Attempt: 2 }).ToList();

        var a = ConnectionAnalysis.Of(records, report.OldPods, At(2));

        a.NotReconnected.Select(r => (r.Slot, r.Attempt)).Should().Equal((2, 1));
    }

    [Fact]
    public void Failed_requests_on_a_lasting_connection_are_failures_while_not_lost()
    {
        var report = SampleUpgrade.Report(loadingAnswers: true);

        var a = ConnectionAnalysis.Of(report.Records, report.OldPods, At(2));

        a.FailedWhileNotLost.Select(r => (r.Slot, r.Pod, r.Failed)).Should().Equal((3, "new-a", 3L));
        a.FailedRequestsNotLost.Should().Be(3);
    }
}
