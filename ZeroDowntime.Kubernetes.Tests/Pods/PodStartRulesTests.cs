using FluentAssertions;
using k8s.Models;
using ZeroDowntime.Kubernetes.Pods;

namespace ZeroDowntime.Kubernetes.Tests.Pods;

/// <summary>What is terminal for a pod that is starting, and what is only transient (docs/scenarios.md, "Fails fast").</summary>
public sealed class PodStartRulesTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    private readonly ManualTime _time = new();

    private PodStartFailureDetector Detector(int crashLoopRestarts = 1) => new(Grace, crashLoopRestarts, _time);

    [Theory]
    [InlineData("InvalidImageName")]
    [InlineData("ErrImageNeverPull")]
    public void A_reason_nothing_can_fix_fails_at_once(string reason)
        => Detector().Observe(PodStatuses.Waiting(reason, "bad")).Should().NotBeNull().And.Match<PodStartFailure>(f => f.Reason == reason);

    [Theory]
    [InlineData("ErrImagePull")]
    [InlineData("ImagePullBackOff")]
    [InlineData("CreateContainerError")]
    [InlineData("CreateContainerConfigError")]
    [InlineData("RunContainerError")]
    public void A_reason_the_kubelet_retries_fails_only_after_the_grace_period(string reason)
    {
        var detector = Detector();

        detector.Observe(PodStatuses.Waiting(reason, "no")).Should().BeNull("it may still recover");
        _time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        detector.Due().Should().BeNull();
        detector.UntilNextDue.Should().Be(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        detector.Due().Should().NotBeNull().And.Match<PodStartFailure>(f => f.Reason == reason && f.Pod == "ray-worker-1" && f.Container == "container app");
    }

    [Fact]
    public void An_image_pull_that_alternates_between_ErrImagePull_and_back_off_stays_one_stuck_period()
    {
        var detector = Detector();

        detector.Observe(PodStatuses.Waiting("ErrImagePull"));
        _time.Advance(TimeSpan.FromSeconds(2));
        detector.Observe(PodStatuses.Waiting("ImagePullBackOff"));
        _time.Advance(TimeSpan.FromSeconds(1));

        detector.Due().Should().NotBeNull().And.Match<PodStartFailure>(f => f.Reason == "ImagePullBackOff");
    }

    [Fact]
    public void A_pull_error_that_clears_before_the_grace_period_never_fails()
    {
        var detector = Detector();

        detector.Observe(PodStatuses.Waiting("ErrImagePull", "registry timeout")).Should().BeNull();
        _time.Advance(TimeSpan.FromSeconds(2));
        detector.Observe(PodStatuses.Running(ready: false)).Should().BeNull();
        _time.Advance(TimeSpan.FromSeconds(10));

        detector.Due().Should().BeNull("the pod started: a later error would start a new grace period");
        detector.UntilNextDue.Should().BeNull();
    }

    [Fact]
    public void A_pod_that_restarts_once_while_starting_never_fails()
    {
        var detector = Detector();

        detector.Observe(PodStatuses.Running(restarts: 1, ready: false)).Should().BeNull();
        detector.Observe(PodStatuses.Running(restarts: 1, ready: true)).Should().BeNull();
        _time.Advance(TimeSpan.FromMinutes(1));

        detector.Due().Should().BeNull();
    }

    [Fact]
    public void A_crash_loop_fails_at_once_from_the_configured_restart_count()
    {
        var lastExit = new V1ContainerStateTerminated { ExitCode = 2, Reason = "Error" };

        Detector(crashLoopRestarts: 3).Observe(PodStatuses.Waiting("CrashLoopBackOff", restarts: 2, lastExit: lastExit)).Should().BeNull();
        var failure = Detector(crashLoopRestarts: 3).Observe(PodStatuses.Waiting("CrashLoopBackOff", restarts: 3, lastExit: lastExit));

        failure.Should().NotBeNull();
        failure!.LastExit.Should().Be("exit code 2 (Error)");
        failure.RestartCount.Should().Be(3);
    }

    [Fact]
    public void Init_containers_count_and_terminating_pods_do_not()
    {
        var init = PodStatuses.Waiting("InvalidImageName", init: true);
        var terminating = PodStatuses.Waiting("InvalidImageName");
        terminating.Metadata.DeletionTimestamp = DateTime.UtcNow;

        PodStartRules.Stuck(init, 1)!.Container.Should().Be("init container setup");
        PodStartRules.Stuck(terminating, 1).Should().BeNull();
        PodStartRules.Stuck(PodStatuses.Waiting("ContainerCreating"), 1).Should().BeNull("creating is the normal way to start");
    }

    [Fact]
    public void A_deleted_pod_is_forgotten()
    {
        var detector = Detector();
        var pod = PodStatuses.Waiting("CreateContainerError");

        detector.Observe(pod);
        detector.Forget(pod);
        _time.Advance(TimeSpan.FromMinutes(1));

        detector.Due().Should().BeNull();
    }

    [Fact]
    public void The_sentence_names_pod_reason_message_event_and_last_log_lines()
    {
        var image = new PodStartFailure("default", "ray-worker-1", "container app", "ErrImagePull", "cannot pull example/nope:1")
        {
            Event = "Failed: Failed to pull image \"example/nope:1\": not found",
        };
        var loop = new PodStartFailure("default", "ray-head-1", "container ray-head", "CrashLoopBackOff", "back-off 10s restarting failed container")
        {
            RestartCount = 1,
            LastExit = "exit code 2 (Error)",
            Event = "BackOff: Back-off restarting failed container ray-head",
            LastLogLines = ["starting", "Unknown flag '--redis-username'; see --help."],
        };

        image.Sentence.Should().Be(
            "Pod default/ray-worker-1 cannot start: container app is waiting with ErrImagePull: cannot pull example/nope:1 " +
            "(event Failed: Failed to pull image \"example/nope:1\": not found).");
        loop.Sentence.Should().Be(
            "Pod default/ray-head-1 cannot start: container ray-head is waiting with CrashLoopBackOff after 1 restart(s), last exit code 2 (Error) " +
            "(event BackOff: Back-off restarting failed container ray-head); its last log lines: starting | Unknown flag '--redis-username'; see --help.");
    }
}
