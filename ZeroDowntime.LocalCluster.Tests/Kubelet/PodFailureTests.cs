using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class PodFailureTests
{
    private static string ShellPod(string name, string image, string script, string restartPolicy = "Always") => $$"""
        apiVersion: v1
        kind: Pod
        metadata: { name: {{name}}, namespace: default }
        spec:
          nodeName: zd-node-1
          restartPolicy: {{restartPolicy}}
          terminationGracePeriodSeconds: 1
          containers:
            - name: main
              image: {{image}}
              command: ["sh", "-c", "{{script}}"]
        """;

    [Fact]
    public async Task An_image_the_cluster_cannot_run_leaves_the_pod_Pending_with_a_Warning_naming_it()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(ShellPod("k6", "grafana/k6:0.49.0", "true"));

        var failed = await cluster.WaitForEventAsync("k6", "Failed", Timeouts.StatusChange);

        failed.GetString("type").Should().Be("Warning");
        failed.GetString("message").Should().Be("the local cluster cannot run image grafana/k6:0.49.0; add an image mapping");
        var pod = cluster.Api.Pods.Get("default", "k6");
        pod.GetString("status", "phase").Should().Be("Pending");
        pod.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject().GetString("state", "waiting", "reason").Should().Be("ErrImagePull");
    }

    [Fact]
    public async Task A_mapped_executable_that_is_not_installed_fails_the_container_with_an_install_hint()
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.ImageMappings.Insert(0,
            new ImageMapping("redis*", ["zd-no-such-redis-server"]) { InstallHint = "apt-get install redis-server" }));
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: redis-0, namespace: default }
            spec:
              nodeName: zd-node-1
              containers: [{ name: redis, image: "redis:7.2", args: ["--port", "6379"] }]
            """);

        var failed = await cluster.WaitForEventAsync("redis-0", "Failed", Timeouts.StatusChange);

        failed.GetString("message").Should().Be("image redis:7.2 maps to zd-no-such-redis-server, which is not installed; apt-get install redis-server");
        cluster.Api.Pods.Get("default", "redis-0").GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject()
            .GetString("state", "waiting", "reason").Should().Be("CreateContainerError");
    }

    [Fact]
    public async Task A_crashing_container_is_restarted_with_doubling_back_off_and_reports_CrashLoopBackOff()
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.CrashLoopBackoffBase = TimeSpan.FromMilliseconds(400));
        var started = DateTimeOffset.UtcNow;
        cluster.Apply(ShellPod("crasher", "busybox", "echo crashing; exit 2"));
        var reasons = new HashSet<string>();

        var pod = await cluster.WaitForPodAsync("crasher", p =>
        {
            var status = p.GetNode("status", "containerStatuses")?.AsArray()[0]?.AsObject();
            if (status?.GetString("state", "waiting", "reason") is { } reason)
            {
                reasons.Add(reason);
            }

            return status?.GetInt64("restartCount") >= 3;
        }, Timeouts.StatusChange, "to restart three times");

        // Restarts after 0, 400 and 800 ms of back-off: at least 1.2 s in all.
        (DateTimeOffset.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(1100));
        reasons.Should().Contain("CrashLoopBackOff");
        var lastState = pod.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject();
        lastState.GetInt64("lastState", "terminated", "exitCode").Should().Be(2);
        lastState.GetString("lastState", "terminated", "reason").Should().Be("Error");
        (await cluster.WaitForEventAsync("crasher", "BackOff", Timeouts.StatusChange)).GetString("message")
            .Should().Be($"Back-off restarting failed container main in pod crasher_default({pod.Uid()})");
    }

    [Theory]
    [InlineData("Never", "exit 3", "Failed", 3L, "Error")]
    [InlineData("OnFailure", "exit 0", "Succeeded", 0L, "Completed")]
    [InlineData("Never", "exit 0", "Succeeded", 0L, "Completed")]
    public async Task A_container_that_may_not_restart_ends_the_pod_in_a_terminal_phase(string policy, string script, string phase, long exitCode, string reason)
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(ShellPod("once", "busybox", script, policy));

        var pod = await cluster.WaitForPodAsync("once", p => p.GetString("status", "phase") is "Succeeded" or "Failed", Timeouts.StatusChange, "to finish");

        pod.GetString("status", "phase").Should().Be(phase);
        var status = pod.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject();
        status.GetInt64("state", "terminated", "exitCode").Should().Be(exitCode);
        status.GetString("state", "terminated", "reason").Should().Be(reason);
        status.GetInt64("restartCount").Should().Be(0);
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_and_counts_the_restart()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: unhealthy, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 1
              containers:
                - name: main
                  image: busybox
                  command: ["sleep", "100"]
                  livenessProbe:
                    exec: { command: ["sh", "-c", "echo not alive; exit 1"] }
                    periodSeconds: 1
                    failureThreshold: 2
            """);

        var pod = await cluster.WaitForPodAsync("unhealthy", p => p.GetNode("status", "containerStatuses")?.AsArray()[0]?.AsObject().GetInt64("restartCount") >= 1,
            Timeouts.StatusChange, "to be restarted by its liveness probe");

        var unhealthy = await cluster.WaitForEventAsync("unhealthy", "Unhealthy", Timeouts.StatusChange);
        unhealthy.GetString("message").Should().Be("Liveness probe failed: command exited with 1: not alive");
        var killing = cluster.EventsOf("unhealthy").Single(e => e.GetString("reason") == "Killing");
        killing.GetString("message").Should().Be("Container main failed liveness probe, will be restarted");
        pod.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject().GetInt64("lastState", "terminated", "exitCode").Should().Be(143, "sleep dies of SIGTERM");
    }
}
