using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Recording;
using ZeroDowntime.Fixtures.Tests.Fakes;
using k8s;

namespace ZeroDowntime.Fixtures.Tests.Recording;

/// <summary>The recorder against a fake API server that speaks list + watch with resourceVersions, history and 410.</summary>
public sealed class PodEventRecorderTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private FakeKubeApiServer _api = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubeApiServer.StartAsync();
        _client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Pod_lifecycle_produces_created_scheduled_ready_notready_terminating_deleted_in_order()
    {
        await using var recorder = Recorder();
        await recorder.StartAsync();

        _api.AddPod("w-1", "worker");
        await WaitForEventAsync(recorder, ClusterEventKind.PodCreated, "w-1");
        _api.Schedule("w-1", "node-a");
        await WaitForEventAsync(recorder, ClusterEventKind.PodScheduled, "w-1");
        _api.SetReady("w-1", true, "2026-01-01T12:00:07Z");
        await WaitForEventAsync(recorder, ClusterEventKind.PodReady, "w-1");
        _api.SetReady("w-1", false, "2026-01-01T12:00:09Z");
        await WaitForEventAsync(recorder, ClusterEventKind.PodNotReady, "w-1");
        _api.StartTerminating("w-1");
        await WaitForEventAsync(recorder, ClusterEventKind.PodTerminating, "w-1");
        _api.DeletePod("w-1");
        await WaitForEventAsync(recorder, ClusterEventKind.PodDeleted, "w-1");

        var events = recorder.Events.Where(e => e.Pod == "w-1").ToList();
        events.Select(e => e.Kind).Should().Equal(
            ClusterEventKind.PodCreated, ClusterEventKind.PodScheduled, ClusterEventKind.PodReady,
            ClusterEventKind.PodNotReady, ClusterEventKind.PodTerminating, ClusterEventKind.PodDeleted);
        events.Should().OnlyContain(e => e.Role == "worker" && e.Uid == "uid-w-1");
        events[2].ServerTime.Should().Be(DateTimeOffset.Parse("2026-01-01T12:00:07Z"), "Ready's ServerTime is the condition's lastTransitionTime");
        events[3].ServerTime.Should().Be(DateTimeOffset.Parse("2026-01-01T12:00:09Z"));
        events[1].Node.Should().Be("node-a");
        events.Select(e => e.Time).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Event_times_come_from_the_measurement_clock_at_arrival()
    {
        await using var recorder = Recorder();
        await recorder.StartAsync();
        var before = MeasurementClock.UtcNow;
        _api.AddPod("w-1", "worker", "node-a", ready: true, readySince: "2020-01-01T00:00:00Z");
        var state = await recorder.WaitUntilAsync(s => s.ReadyCount("worker") == 1, "w-1 Ready", "test deadline", Deadline);
        var after = MeasurementClock.UtcNow;

        var ready = recorder.Events.Single(e => e.Kind == ClusterEventKind.PodReady);
        ready.Time.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        ready.ServerTime.Should().Be(DateTimeOffset.Parse("2020-01-01T00:00:00Z"));
        state.LastEvent.Should().Be(recorder.Events[^1]);
    }

    [Fact]
    public async Task Start_returns_once_synced_with_existing_pods_reported_and_ready_sets_per_role()
    {
        _api.AddPod("h-1", "head", "node-a", ready: true);
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        _api.AddPod("w-2", "worker", "node-b", ready: true);
        _api.AddPod("w-3", "worker", "node-c", ready: false);
        await using var recorder = Recorder();

        await recorder.StartAsync();

        recorder.Synced.IsCompletedSuccessfully.Should().BeTrue();
        recorder.ReadyPods("worker").Should().BeEquivalentTo("uid-w-1", "uid-w-2");
        recorder.ReadyPods("head").Should().BeEquivalentTo("uid-h-1");
        recorder.Events.Where(e => e.Kind == ClusterEventKind.PodCreated).Should().HaveCount(4).And.OnlyContain(e => e.Detail == "present when recording started");
        ReadyCounts.CountAt(recorder.Events, "worker", MeasurementClock.UtcNow).Should().Be(2, "the initial events replay the starting state");
    }

    [Fact]
    public async Task Rewatch_after_410_loses_nothing_that_changed_while_the_watch_was_expired()
    {
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        _api.AddPod("w-2", "worker", "node-b", ready: true);
        await using var recorder = Recorder();
        await recorder.StartAsync();

        _api.ExpireWatches();
        _api.SetReady("w-1", false, "2026-01-01T12:01:00Z"); // changes the expired watch never delivers; the relist must
        _api.DeletePod("w-2");
        _api.AddPod("w-3", "worker", "node-c", ready: true);
        var state = await recorder.WaitUntilAsync(s => s.Pods["worker"].Count == 2 && s.ReadyCount("worker") == 1 && s.Pods["worker"].Any(p => p.Name == "w-3"),
            "the relist to bring w-1 NotReady, w-2 gone and w-3 Ready", "test deadline", Deadline);

        state.ReadyPods("worker").Should().BeEquivalentTo("uid-w-3");
        var after = recorder.Events.SkipWhile(e => e.Detail == "present when recording started").ToList();
        after.Should().Contain(e => e.Kind == ClusterEventKind.PodNotReady && e.Pod == "w-1");
        after.Should().Contain(e => e.Kind == ClusterEventKind.PodDeleted && e.Pod == "w-2");
        after.Should().Contain(e => e.Kind == ClusterEventKind.PodReady && e.Pod == "w-3");

        _api.SetReady("w-1", true); // and the watch goes on after the relist
        await recorder.WaitForReadyCountAsync("worker", 2, "test deadline", Deadline);
    }

    [Fact]
    public async Task Node_cordon_uncordon_and_readiness_are_recorded()
    {
        _api.AddNode("node-a");
        await using var recorder = Recorder(recordNodes: true);
        await recorder.StartAsync();
        recorder.Events.Should().ContainSingle(e => e.Kind == ClusterEventKind.NodeReady && e.Node == "node-a");

        _api.SetNode("node-a", ready: true, cordoned: true);
        await recorder.WaitUntilAsync(s => s.IsCordoned("node-a"), "node-a cordoned", "test deadline", Deadline);
        _api.SetNode("node-a", ready: false, cordoned: true);
        await recorder.WaitUntilAsync(s => !s.Nodes["node-a"].Ready, "node-a NotReady", "test deadline", Deadline);
        _api.SetNode("node-a", ready: true, cordoned: false);
        await recorder.WaitUntilAsync(s => s.Nodes["node-a"] is { Ready: true, Cordoned: false }, "node-a back", "test deadline", Deadline);

        recorder.Events.Where(e => e.Node == "node-a" && e.Pod is null).Select(e => e.Kind).Should().Equal(
            ClusterEventKind.NodeReady, ClusterEventKind.NodeCordoned, ClusterEventKind.NodeNotReady, ClusterEventKind.NodeUncordoned, ClusterEventKind.NodeReady);
    }

    [Fact]
    public async Task WaitUntil_completes_on_the_event_that_makes_the_predicate_true()
    {
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        _api.AddPod("w-2", "worker", "node-b", ready: true);
        _api.AddPod("w-3", "worker", "node-c", ready: false);
        await using var recorder = Recorder();
        await recorder.StartAsync();

        var wait = recorder.WaitForReadyCountAsync("worker", 3, "ZD_TIMING__SINGLE_WORKER__MONITORING_WINDOW", Deadline);
        wait.IsCompleted.Should().BeFalse("only 2 of 3 are Ready");
        _api.AddPod("other", "head", "node-a", ready: true); // an unrelated event must not complete it
        await recorder.WaitUntilAsync(s => s.ReadyCount("head") == 1, "head Ready", "test deadline", Deadline);
        wait.IsCompleted.Should().BeFalse();
        _api.SetReady("w-3", true);

        var state = await wait;
        state.ReadyCount("worker").Should().Be(3);
        state.LastEvent!.Kind.Should().Be(ClusterEventKind.PodReady);
        state.LastEvent.Pod.Should().Be("w-3");
    }

    [Fact]
    public async Task WaitUntil_returns_at_once_when_the_predicate_already_holds()
    {
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        await using var recorder = Recorder();
        await recorder.StartAsync();
        var wait = recorder.WaitForReadyCountAsync("worker", 1, "test deadline", Deadline);
        wait.IsCompletedSuccessfully.Should().BeTrue();
        (await wait).ReadyCount("worker").Should().Be(1);
    }

    [Fact]
    public async Task WaitUntil_times_out_naming_the_deadline_the_expectation_and_the_last_observed_state()
    {
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        _api.AddPod("w-2", "worker", "node-b", ready: false);
        await using var recorder = Recorder();
        await recorder.StartAsync();

        var timeout = await FluentActions.Awaiting(() => recorder.WaitForReadyCountAsync("worker", 2, "ZD_TIMING__SERVICE_RECOVERY_WAIT", TimeSpan.FromMilliseconds(300)))
            .Should().ThrowAsync<TimeoutException>();

        timeout.Which.Message.Should().MatchEquivalentOf(
            "Timed out after 0.3 s (ZD_TIMING__SERVICE_RECOVERY_WAIT) waiting for worker back at 2 Ready pods. " +
            "Last observed state: head: 0 Ready of 0; worker: 1 Ready of 2 (w-1 Ready on node-a, w-2 not Ready on node-b); " +
            "last event: PodScheduled worker/w-2 at *.");
    }

    [Fact]
    public async Task Terminating_pods_no_longer_count_as_Ready()
    {
        _api.AddPod("w-1", "worker", "node-a", ready: true);
        await using var recorder = Recorder();
        await recorder.StartAsync();
        _api.StartTerminating("w-1");
        var state = await recorder.WaitUntilAsync(s => s.Pods["worker"].Single().Terminating, "w-1 terminating", "test deadline", Deadline);
        state.ReadyCount("worker").Should().Be(0);
        state.Pods["worker"].Single().Ready.Should().BeTrue("its condition is still True; terminating wins");
    }

    [Fact]
    public async Task Markers_join_the_timeline_on_the_same_clock()
    {
        await using var recorder = Recorder();
        await recorder.StartAsync();
        var before = MeasurementClock.UtcNow;
        var marker = recorder.Mark(ClusterEventKind.DisruptionAccepted, "worker", pod: "w-1", detail: "evicted by drain");
        marker.Time.Should().BeOnOrAfter(before);
        recorder.Events.Should().ContainSingle().Which.Should().Be(marker);
    }

    [Fact]
    public async Task Recorder_for_the_target_watches_each_configured_role_by_its_selector()
    {
        var settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?>());
        await using var recorder = PodEventRecorder.ForTarget(_client, FakeTopology.Namespace, settings.Target);
        recorder.Roles.Select(r => (r.Name, r.Selector)).Should().Equal(("head", "ray.io/node-type=head"), ("worker", "ray.io/node-type=worker"), ("redis", "app=redis"));
        await recorder.StartAsync();
        _api.AddPod("h-1", "head", "node-a", ready: true);
        await recorder.WaitForReadyCountAsync("head", 1, "test deadline", Deadline);
        _api.Requests.Should().Contain(r => r.Contains("watch=true", StringComparison.Ordinal) && r.Contains("labelSelector=app%3Dredis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_watch_fails_the_waits_with_the_reason()
    {
        await using var recorder = new PodEventRecorder(_client, FakeTopology.Namespace, [new RecordedRole("worker", "ray.io/node-type=worker")], recordNodes: false);
        await recorder.StartAsync();
        var wait = recorder.WaitForReadyCountAsync("worker", 1, "test deadline", Deadline);
        await _api.DisposeAsync(); // the API server goes away for good

        var failure = await FluentActions.Awaiting(() => wait).Should().ThrowAsync<InvalidOperationException>();
        failure.Which.Message.Should().StartWith("The pod watch of role worker (ray.io/node-type=worker) failed:");
    }

    private PodEventRecorder Recorder(bool recordNodes = false) =>
        new(_client, FakeTopology.Namespace, [new RecordedRole("head", "ray.io/node-type=head"), new RecordedRole("worker", "ray.io/node-type=worker")], recordNodes);

    private static Task WaitForEventAsync(PodEventRecorder recorder, ClusterEventKind kind, string pod) =>
        recorder.WaitUntilAsync(s => s.LastEvent is { } e && e.Kind == kind && e.Pod == pod, $"{kind} of {pod}", "test deadline", Deadline);
}
