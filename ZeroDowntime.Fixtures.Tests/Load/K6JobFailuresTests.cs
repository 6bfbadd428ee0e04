using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using k8s.Models;

namespace ZeroDowntime.Fixtures.Tests.Load;

public sealed class K6JobFailuresTests
{
    [Theory]
    [InlineData(0, true, K6JobPodState.Finished)]
    [InlineData(99, true, K6JobPodState.Finished)]
    [InlineData(103, true, K6JobPodState.Finished)]
    [InlineData(105, true, K6JobPodState.Finished)]
    [InlineData(103, false, K6JobPodState.GeneratorFailed)]
    [InlineData(105, false, K6JobPodState.GeneratorFailed)]
    [InlineData(104, true, K6JobPodState.GeneratorFailed)]
    [InlineData(107, false, K6JobPodState.GeneratorFailed)]
    [InlineData(108, true, K6JobPodState.GeneratorFailed)]
    [InlineData(109, false, K6JobPodState.GeneratorFailed)]
    [InlineData(1, false, K6JobPodState.GeneratorFailed)]
    public void Exit_code_and_summary_decide_between_service_result_and_generator_failure(int exitCode, bool summary, K6JobPodState expected) =>
        K6JobFailures.Assess(Terminated(exitCode), summary).State.Should().Be(expected);

    [Fact]
    public void Thresholds_failing_is_a_service_result_not_a_generator_failure()
    {
        var assessment = K6JobFailures.Assess(Terminated(99), summarySeen: true);
        assessment.Reason.Should().Be("k6 exited with code 99 (thresholds failed (a normal end)) and left its summary");
    }

    [Fact]
    public void A_normal_stop_without_a_summary_says_so()
    {
        var assessment = K6JobFailures.Assess(Terminated(103), summarySeen: false);
        assessment.Reason.Should().Be("k6 exited with code 103 (stopped through the REST API (a normal stop)) without printing its summary");
    }

    [Fact]
    public void Script_exception_names_exit_code_107()
    {
        var assessment = K6JobFailures.Assess(Terminated(107), summarySeen: false);
        assessment.Reason.Should().Be("k6 exited with code 107 (script exception)");
        assessment.Evidence.Should().Be("pod zd-k6-run-1-t1-abcde phase Failed, on node zd-node-2, container k6 terminated (Error) with exit code 107: script exception");
    }

    [Theory]
    [InlineData("ErrImagePull", "the k6 image cannot be pulled (ErrImagePull)")]
    [InlineData("ImagePullBackOff", "the k6 image cannot be pulled (ImagePullBackOff)")]
    [InlineData("InvalidImageName", "the k6 image cannot be pulled (InvalidImageName)")]
    [InlineData("CreateContainerConfigError", "the k6 container cannot be started (CreateContainerConfigError)")]
    [InlineData("CrashLoopBackOff", "the k6 container keeps crashing (CrashLoopBackOff)")]
    public void Waiting_reasons_that_cannot_resolve_are_generator_failures(string reason, string expected)
    {
        var pod = Pod("Pending", new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = "rpc error" } });
        var assessment = K6JobFailures.Assess(pod, summarySeen: false);
        assessment.State.Should().Be(K6JobPodState.GeneratorFailed);
        assessment.Reason.Should().Be(expected);
        assessment.Evidence.Should().Contain($"container k6 waiting ({reason}: rpc error)");
    }

    [Fact]
    public void ContainerCreating_is_still_starting() =>
        K6JobFailures.Assess(Pod("Pending", new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } }), false).State.Should().Be(K6JobPodState.Starting);

    [Fact]
    public void No_pod_yet_is_starting() => K6JobFailures.Assess(null, false).State.Should().Be(K6JobPodState.Starting);

    [Fact]
    public void Running_container_is_running() =>
        K6JobFailures.Assess(Pod("Running", new V1ContainerState { Running = new V1ContainerStateRunning() }), false).State.Should().Be(K6JobPodState.Running);

    [Fact]
    public void OOMKilled_is_a_generator_failure_even_with_a_summary()
    {
        var pod = Pod("Failed", new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } });
        var assessment = K6JobFailures.Assess(pod, summarySeen: true);
        assessment.State.Should().Be(K6JobPodState.GeneratorFailed);
        assessment.Reason.Should().Be("the k6 container ran out of memory (OOMKilled)");
    }

    [Fact]
    public void Job_deadline_is_reported_as_the_safety_net()
    {
        var pod = Pod("Failed", null);
        pod.Status.Reason = "DeadlineExceeded";
        K6JobFailures.Assess(pod, false).Reason.Should().Be("the k6 Job hit its activeDeadlineSeconds safety net");
    }

    [Fact]
    public void Unschedulable_pod_evidence_quotes_the_scheduler()
    {
        var pod = Pod("Pending", null);
        pod.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Message = "0/3 nodes are available" }];
        K6JobFailures.Describe(pod).Should().Contain("unschedulable: 0/3 nodes are available");
    }

    [Fact]
    public void Failure_message_says_the_load_generator_failed_not_the_service()
    {
        var exception = new LoadGeneratorFailedException("k6", ["Job a: k6 exited with code 107 (script exception).", "Job b: the k6 image cannot be pulled (ErrImagePull)."]);
        exception.Message.Should().Be(
            "The LOAD GENERATOR (k6) failed, not the service under test: no verdict about the service can be drawn from this run. It was tried 2 times." + Environment.NewLine +
            "Try 1: Job a: k6 exited with code 107 (script exception)." + Environment.NewLine +
            "Try 2: Job b: the k6 image cannot be pulled (ErrImagePull).");
    }

    [Fact]
    public void Stop_request_is_a_json_patch_of_the_status_resource()
    {
        K6JobStopRequest.Path.Should().Be("/v1/status");
        K6JobStopRequest.ContentType.Should().Be("application/json");
        System.Text.Encoding.UTF8.GetString(K6JobStopRequest.Body).Should().Be("""{"data":{"type":"status","id":"default","attributes":{"stopped":true}}}""");
    }

    private static V1Pod Terminated(int exitCode) =>
        Pod(exitCode == 0 ? "Succeeded" : "Failed", new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error" } });

    private static V1Pod Pod(string phase, V1ContainerState? state) => new()
    {
        Metadata = new V1ObjectMeta { Name = "zd-k6-run-1-t1-abcde" },
        Spec = new V1PodSpec { NodeName = "zd-node-2" },
        Status = new V1PodStatus { Phase = phase, ContainerStatuses = state is null ? null : [new V1ContainerStatus { Name = "k6", State = state }] },
    };
}
